"""CatalogueEntityExtractor: train on a catalogue, persist, load, extract.

Written like Rasa's own extractor tests: a ``create_or_load_extractor`` fixture over
``LocalModelStorage.create(tmp_path)`` and a parametrised table run both on the
trained component and on a copy loaded back from the model storage. The catalogue
holds the mini and second test networks, whose names the NLU data never mentions.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, EXTRACTOR, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sqlalchemy.engine import Engine

from bot.components.catalogue_extractor import GAZETTEER_FILE, CatalogueEntityExtractor
from bot.components.rules import mode_of, rule_patterns
from pathways_catalogue.service import import_folder
from tests.conftest import SECOND_NETWORK, TEST_DATA

NAME = "CatalogueEntityExtractor"
Extractor = Callable[..., CatalogueEntityExtractor]


@pytest.fixture
def catalogue_url(engine: Engine) -> str:
    """A database with the mini and second test networks."""
    import_folder(engine, TEST_DATA / "networks" / "mini")
    import_folder(engine, SECOND_NETWORK)
    return str(engine.url)


@pytest.fixture
def model_storage(tmp_path: Path) -> ModelStorage:
    (tmp_path / "model").mkdir()
    return LocalModelStorage.create(tmp_path / "model")


@pytest.fixture
def create_or_load_extractor(model_storage: ModelStorage) -> Extractor:
    context = ExecutionContext(GraphSchema({}), uuid.uuid4().hex)

    def inner(config: Dict[str, Any], load: bool = False) -> CatalogueEntityExtractor:
        constructor = CatalogueEntityExtractor.load if load else CatalogueEntityExtractor.create
        return constructor(
            config=config,
            model_storage=model_storage,
            resource=Resource("catalogue_extractor"),
            execution_context=context,
        )

    return inner


def _message(text: str, intent: Optional[str] = None, others: Any = ()) -> Message:
    data: Dict[str, Any] = {TEXT: text}
    if intent:
        data[INTENT] = {"name": intent, "confidence": 1.0}
    if others:
        data[ENTITIES] = [dict(e) for e in others]
    return Message(data=data)


def _diet(text: str, value: str, entity: str) -> Dict[str, Any]:
    start = text.index(value)
    return {
        "entity": entity,
        "start": start,
        "end": start + len(value),
        "value": value,
        "extractor": "DIETClassifier",
    }


def _trained(create_or_load_extractor: Extractor, url: str, load: bool) -> CatalogueEntityExtractor:
    config = {"catalogue_url": url}
    extractor = create_or_load_extractor(config)
    extractor.train(TrainingData())
    return create_or_load_extractor(config, load=True) if load else extractor


def _brief(entities: List[Dict[str, Any]]) -> List[Tuple[str, str, Optional[str]]]:
    """(type, value, resolved id or name) of each entity this component made."""
    out = []
    for e in entities:
        info = e.get("additional_info") or {}
        key = next(
            (info[k] for k in ("course_id", "institution_id", "town", "subject", "keyword")
             if info.get(k)),
            None,
        )  # fmt: skip
        out.append((e["entity"], e["value"], key if e[EXTRACTOR] == NAME else e[EXTRACTOR]))
    return out


CASES: List[Tuple[str, Optional[str], List[Dict[str, Any]], List[Tuple[str, str, Any]]]] = [
    (
        "im doing the ext dip in enginering at east test college",
        "inform_course",
        [],
        [
            ("course", "ext dip in enginering", "e-eng-l3"),
            ("institution", "east test college", "eastcol"),
        ],
    ),
    (
        "L2 electrical instalation at lynn wash",
        "inform_course",
        [],
        [
            ("level", "L2", None),
            ("course", "electrical instalation", "lwc-elec-l2"),
            ("institution", "lynn wash", "lynn-wash"),
        ],
    ),
    (
        "got a merit in my hnc engineering",
        None,
        [],
        [("grade", "merit", None), ("course", "hnc engineering", "m-eng-hnc")],
    ),
    (
        "i did city & guilds level 2 agriculture in boston",
        "inform_course",
        [],
        [
            ("course", "city & guilds level 2 agriculture", "whc-agr-l2"),
            ("town", "boston", "Boston"),
        ],
    ),
    (
        "part-time only, near Selby",
        "inform_constraint",
        [],
        [("mode", "part-time", None), ("town", "Selby", "Selby")],
    ),
    ("I like robots", "inform_interest", [], [("interest", "robots", "robotics")]),
    (
        "i'd like to be a harbour master",
        "inform_interest",
        [],
        [("interest", "harbour master", "harbour master")],
    ),
    ("whats the weather like", "out_of_scope", [], []),
    # a span DIET tagged is resolved, and DIET's entity is replaced
    (
        "i'm doing port operations",
        "inform_course",
        [_diet("i'm doing port operations", "port operations", "course")],
        [("course", "port operations", "lwc-mar-l3")],
    ),
    # an ordinal found by rule replaces DIET's; what no rule knows stays as DIET tagged it
    (
        "tell me about the second one",
        "ask_details",
        [_diet("tell me about the second one", "second", "ordinal")],
        [("ordinal", "second", None)],
    ),
    (
        "what's the middle one like",
        "ask_details",
        [_diet("what's the middle one like", "middle", "ordinal")],
        [("ordinal", "middle", "DIETClassifier")],
    ),
    # "first" is no ordinal outside questions about listed options
    ("it's my first year on the course", "inform_course", [], []),
    # a DIET "institution" that is no name is dropped
    (
        "who can i talk to about applying",
        "ask_contact",
        [_diet("who can i talk to about applying", "applying", "institution")],
        [],
    ),
]


@pytest.mark.parametrize("load", [False, True])
@pytest.mark.parametrize("text, intent, others, expected", CASES)
def test_process(
    create_or_load_extractor: Extractor,
    catalogue_url: str,
    load: bool,
    text: str,
    intent: Optional[str],
    others: List[Dict[str, Any]],
    expected: List[Tuple[str, str, Any]],
) -> None:
    extractor = _trained(create_or_load_extractor, catalogue_url, load)
    message = _message(text, intent, others)
    extractor.process([message])
    assert _brief(message.get(ENTITIES, [])) == expected


def test_course_resolution_carries_the_contract_keys(
    create_or_load_extractor: Extractor, catalogue_url: str
) -> None:
    extractor = _trained(create_or_load_extractor, catalogue_url, load=True)
    message = _message("hnc digital technologies at witham haven", "inform_course")
    extractor.process([message])
    course = next(e for e in message.get(ENTITIES) if e["entity"] == "course")
    info = course["additional_info"]
    assert {"course_id", "title", "institution", "level", "subject", "score", "source"} <= set(
        info
    )
    assert (info["course_id"], info["level"], info["source"]) == ("whc-dig-hnc", 4, "catalogue")
    assert info["institution"] == "Witham Haven College"
    assert isinstance(info["alternatives"], list)


@pytest.mark.parametrize(
    "text, value, index",
    [("option 3 please", "3", 2), ("the last one", "last", -1), ("more on the 2nd", "2nd", 1)],
)
def test_ordinals_carry_an_index(
    create_or_load_extractor: Extractor, catalogue_url: str, text: str, value: str, index: int
) -> None:
    extractor = _trained(create_or_load_extractor, catalogue_url, load=True)
    message = _message(text, "ask_details")
    extractor.process([message])
    [ordinal] = message.get(ENTITIES)
    assert (ordinal["value"], ordinal["additional_info"]) == (value, {"index": index})


def test_train_persists_the_gazetteer(
    create_or_load_extractor: Extractor, catalogue_url: str, model_storage: ModelStorage
) -> None:
    _trained(create_or_load_extractor, catalogue_url, load=False)
    with model_storage.read_from(Resource("catalogue_extractor")) as directory:
        assert (directory / GAZETTEER_FILE).exists()


def test_network_config_limits_the_catalogue(
    create_or_load_extractor: Extractor, catalogue_url: str
) -> None:
    config = {"catalogue_url": catalogue_url, "network": "mini"}
    create_or_load_extractor(config).train(TrainingData())
    extractor = create_or_load_extractor(config, load=True)
    message = _message("electrical installation at lynn wash", "inform_course")
    extractor.process([message])
    assert [e["entity"] for e in message.get(ENTITIES, [])] == []


def test_load_without_a_trained_model_warns_and_still_finds_levels(
    create_or_load_extractor: Extractor,
) -> None:
    with pytest.warns(UserWarning, match="Failed to load"):
        extractor = create_or_load_extractor({}, load=True)
    message = _message("it's a level 3 course, part time")
    extractor.process([message])
    expected = [("level", "level 3", None), ("mode", "part time", None)]
    assert _brief(message.get(ENTITIES)) == expected


def test_train_on_an_empty_catalogue_warns(
    create_or_load_extractor: Extractor, engine: Engine
) -> None:
    with pytest.warns(UserWarning, match="found no courses"):
        create_or_load_extractor({"catalogue_url": str(engine.url)}).train(TrainingData())


def test_fingerprint_changes_with_the_catalogue(engine: Engine) -> None:
    config = {"catalogue_url": str(engine.url)}
    before = CatalogueEntityExtractor.fingerprint_addon(config)
    assert before == CatalogueEntityExtractor.fingerprint_addon(config)
    import_folder(engine, SECOND_NETWORK)
    assert CatalogueEntityExtractor.fingerprint_addon(config) != before


@pytest.mark.parametrize(
    "text, mode",
    [("part-time", "part-time"), ("evening classes", "evening"), ("online", "distance"),
     ("day release", "block-release"), ("apprenticeship", "work-based")],
)  # fmt: skip
def test_mode_of(text: str, mode: str) -> None:
    assert mode_of(text) == mode


def test_rule_patterns_compile_on_a_blank_pipeline() -> None:
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    for label, patterns in rule_patterns().items():
        matcher.add(label, patterns)
    doc = nlp("L3, got DMM, want evenings or level two")
    found = [(nlp.vocab.strings[m], doc[s:e].text) for m, s, e in matcher(doc)]
    assert ("level", "L3") in found and ("grade", "DMM") in found
    assert ("mode", "evenings") in found and ("level", "level two") in found
