"""The keys of an entity dict, as Rasa's NLU and tracker use them (no Rasa import)."""

ENTITY_ATTRIBUTE_TYPE = "entity"
ENTITY_ATTRIBUTE_START = "start"
ENTITY_ATTRIBUTE_END = "end"
ENTITY_ATTRIBUTE_VALUE = "value"
EXTRACTOR = "extractor"
