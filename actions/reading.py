"""One reading of one learner message: everything it says, whatever its intent.

:func:`read` turns Rasa's parse of the latest message (intent, and the entities the
catalogue component resolved, with their catalogue ids in ``additional_info``) into a
:class:`Reading`. Nothing is resolved against the catalogue again here; the text is
only read for what entities cannot carry: the role of each course mentioned ("I'm on"
one, "I want to do" another), the kind of question asked, and small answers such as a
bare level. The words come from :mod:`pathways_catalogue.vocabulary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from actions.courses import Candidate
from actions.person import asks_for_a_person, asks_if_bot, names_a_person
from pathways_catalogue import vocabulary
from pathways_catalogue.mentions import RESOLVER_NAME
from pathways_catalogue.mentions.everyday import everyday_words

#: longest message read for a profile; longer ones get a polite request to shorten
MAX_MESSAGE_CHARS = 1000

#: the questions about one course (as opposed to "what can I do next?")
FOLLOW_UPS = ("contact", "requirements", "details", "after")
#: what each question intent asks for
ASKS_BY_INTENT: Dict[str, str] = {
    "ask_next": "routes",
    "ask_contact": "contact",
    "ask_requirements": "requirements",
    "ask_details": "details",
    "ask_after": "after",
}
#: words in a message that ask a question, by kind (checked in this order)
ASK_CUES: Sequence[Tuple[str, re.Pattern]] = (
    ("contact", re.compile(
        r"\bwho (?:do|should|can|could|would) (?:i|we|he|she|they) (?:contact|talk|speak|ask|email"
        r"|ring|call|get|msg"
        r"|message)|\bwho'?s the (?:contact|person)|\bwho is the (?:contact|person)"
        r"|\b(?:who|hu|whoo) (?:do|d|should|can) (?:i|u|you) (?:tlk|talk|spk|speak|msg|ask|ring|"
        r"call|email|contact)"
        r"|\bcontact (?:details|for|about|4)|\bget in touch|\bwho to (?:contact|talk|speak|ask)"
        r"|\bwho\b.{0,30}\b(?:could|can|would|will|to) (?:advise|help|talk to|speak to)\b"
        r"|\b(?:is there )?(?:any ?one|some ?one|any ?body) (?:who|that|i could|i can|to) "
        r"(?:helps?|can help|could help|advises?|talk to)\b"
        r"|\b(?:email|phone number|number) (?:for|of)\b|\bnumber (?:i|to) (?:can )?(?:ring|call)"
        r"|\b(?:ring|call|email|phone) (?:them|someone|somebody)\b|\bwho do i (?:ring|call)"
        r"|\bwho (?:runs|teaches|delivers|organises|organizes) (?:it|that|this|the)\b"
        r"|\bwho (?:would|will|might|could|can|should) (?:know|tell (?:me|us|him|her))\b"
        r"|\bwho (?:can|could|should|do|would) (?:i|we) (?:\w+ )?(?:ask|speak to|talk to)\b")),
    ("requirements", re.compile(
        r"\bwhat (?:do|would|will) i need\b|\bentry req|\brequirements?\b|\bwhat grades?\b"
        r"|\brequire (?:that|students|learners|you|applicants)\b"
        r"|\bwhat (?:do|would|will) i (?:have|got) to (?:get|do|achieve)\b"
        r"|\bwh?[ao]t do (?:i|u|you) (?:need|want)\b"
        r"|\bwh?[ao]t (?:does|would|will) (?:he|she|they|my (?:son|daughter|child|kid)) "
        r"(?:actually |really )?need\b"
        r"|\bdo i (?:have|need) to (?:start|do|get|have|be)\b"
        r"|\b(?:have|need) to (?:start|do|redo) (?:the|it|a)\b.{0,40}\b(?:beginning|first year"
        r"|year (?:1|one)|whole|from scratch|again)\b|\bstart .{0,25}\bfrom (?:the )?"
        r"(?:beginning|scratch|year (?:1|one))\b"
        r"|\bcan i (?:go|get|start) straight\b|\bstart (?:it |the \w+ )?(?:from|in) (?:year|yr)\b"
        r"|\bwh?at do (?:they|you) (?:want|need|ask for|look for)\b"
        r"|\bgrades? (?:do|would) i need|\bhow (?:do|can|would) i get (?:in|on)"
        r"|\bcan i get (?:in|on)|\bqualify for\b|\bucas points\b|\bwhat does it take\b"
        r"|\bwhat(?:'?s| is) (?:needed|required)\b|\bwhat does (?:it|that|the \w+(?: \w+)?) need\b"
        r"|\b(?:do|would|will) (?:i|he|she|they|we) need (?:any )?(?:qualifications|quals|gcses)\b"
        r"|\bwhat (?:qualifications|quals|gcses) (?:do|would|will)\b")),
    ("after", re.compile(
        r"\bwhat(?:'?s| is| comes| happens| is there)? after\b|\band after\b|\bthen what\b"
        r"|\bwhat (?:can|could) (?:i|you|u|one|people) do after (?:the|a|an|that|this|it)\b"
        r"|\bwhat then\b"
        r"|\bafter (?:that|this|it)\b\s*\??\s*$|\bwhere does (?:that|it|this) (?:lead|go)\b"
        r"|\bwhat(?:'?s| is) (?:next|after) (?:after|from) (?:the|a|an|that)\b")),
    ("details", re.compile(
        r"\bhow long (?:is|does|would|will|do|did|'?s)\b|\bhow many (?:years|months|weeks)\b"
        r"|\b(?:what(?:'?s| is) the|how long is the) (?:duration|length)\b"
        r"|\btell me (?:more|about)\b|\bmore (?:info|information|details) (?:on|about)\b"
        r"|\bmore about\b|\bwhat is (?:the|that) (?:one|route|option)\b"
        r"|\bwhat(?:'?s| is) (?:the|that) \w+(?: \w+)? like\b"
        r"|\bwhich (?:uni|university|college|one) (?:is|does|runs)\b"
        r"|\bwhere is (?:it|that|the)\b"
        # how a course is taught, about one course: "can I do the HNC part time?", "is it
        # evenings?", "how often would I be in?" (not "is there a part-time one?")
        r"|\b(?:can|could) (?:i|you|u|he|she|we|they) (?:do|study|take|fit) (?:it|that|this|"
        r"the \w+(?: \w+)?) (?:part[- ]?time|full[- ]?time|in the evenings?|evenings|online|"
        r"around (?:work|my job|the kids|childcare)|while (?:i'?m |still )?working|alongside"
        r"|without (?:stopping|leaving|giving up)|at night|on day release|by distance)"
        r"|\b(?:can|could) (?:it|that|this|the \w+(?: \w+)?) be (?:done|studied|taken) "
        r"(?:part[- ]?time|full[- ]?time|in the evenings?|online|around work|at night"
        r"|while working|alongside)"
        r"|\bis (?:it|that|this|the \w+(?: one)?) (?:part[- ]?time|full[- ]?time|daytime|days"
        r"|evenings?|online|day release|in the day)\b"
        r"|\bhow (?:often|many (?:days|evenings|hours|nights))\b|\bhow much time\b"
        r"|\bwhat days\b|\bwhen (?:is|are) (?:it|the classes|the lessons)\b")),
    ("routes", re.compile(
        r"\bwhat (?:can|could|should|shall|do) i do (?:next|after|now|then)"
        r"|\bwhat(?:'?s| is| are)? (?:my )?(?:next|options|choices)\b|\bwhat next\b"
        r"|\bwhere (?:can|could|do|should) i (?:go|progress|move|study)"
        r"|\b(?:my|any|the|what) options\b|\bn(?:e)?xt steps?\b"
        r"|\bprogress(?:ion)? (?:to|onto|routes?)"
        r"|\bwhat (?:higher|else|courses|degrees|uni)\b|\bwhich (?:courses|degrees|unis?)\b"
        r"|\bwhat (?:can|could) i (?:study|do|go on)\b|\bshow me\b|\bsuggest\b"
        r"|\bgo (?:on )?to uni\b|\bhigher (?:stuff|education|level|up)\b"
        r"|\bwhat'?s out there\b|\bwhat now\b|\bwhere next\b|\bwhat else is there\b"
        r"|\bwhat(?:'?s| is| are)? the (?:routes?|ways?|paths?) (?:for|to|into|in)\b"
        # a question about what follows: "is there anything higher i can do?", "what
        # degree can i top up to?", "wat can i move onto after"
        r"|\b(?:what'?s?|wat'?s?|where|which|is there|are there|anything|any|can i|could i)\b"
        r".{0,50}\b(?:next|nxt|after|aftr|higher|onto|on to|progress|top ?up|move on|go on|further"
        r"|level up|step up)\b")),
)  # fmt: skip
#: words before a course that make it the learner's current course
CURRENT_CUES = re.compile(
    r"\b(?:i'?m|im|i am|am)\s+(?:currently\s+|now\s+)?(?:on|doing|studying|taking|finishing|in)\b"
    r"|\b(?:currently|now)\s+(?:on|doing|studying|taking)\b|\bdoing\b|\bstudying\b"
    r"|\bi (?:do|did|study|studied|finished|completed|passed|got|have|hold|take)\b"
    r"|\bi'?ve (?:done|got|finished|completed|passed)\b|\bfinish(?:ed|ing)?\b"
    r"|\bcompleting (?:my|his|her|their|the)\s*$"
    r"|\bcourse (?:i|he|she) (?:had |have |has )?(?:chosen|chose|picked|enrolled on) is\b"
    r"|\bi (?:then|also|just|recently|later|eventually|then also) (?:did|studied|completed|"
    r"passed|got|started|began|enrolled on)\b|\b(?:completed|passed)\b"
    r"|\b(?:first|second|final|last|1st|2nd) year (?:of|on)\b|\bmy (?:course|qualification)\b"
    r"|\bpredicted\b|\benrolled on\b|\bon (?:the|a|an|my)$"
    r"|\b(?:started|began|starting) (?:on )?(?:the|a|an|my|his|her|their)\s*$"
    r"|\bmy \w+(?: \w+)? (?:was|is) (?:in|on)\b"
    r"|\b(?:carried on|went on|moved on|progressed|stayed on) to (?:do|study|take)\b"
)
#: words before (or right after) a course that make it one the learner is aiming for
TARGET_CUES = re.compile(
    r"\b(?:want|wanna|would like|'d like|like to|hoping|hope|think (?:about|of)|thinking|"
    r"planning|plan|interested in|into|fancy|considering|dream|aim(?:ing)?|keen on|rather|instead|"
    r"loves?|luv|enjoys?|likes?|passion|obsessed with|"
    r"switch|change to|next|then|after(?:wards)?|onto|on to|go to|move to|apply|"
    r"get (?:into|onto|on)|become|be an?|need for|need to get|contact about|"
    r"about the|about that|for the|comes after|(?:once|when|after|if|until)\s+i(?:'?ve| have)?"
    r"\s+(?:done|finished|finish|got|completed?|passed)(?:\s+(?:the|my|a|an))?|"
    r"for|what'?s|about doing|(?:never|not yet|didn'?t|did not|haven'?t|have not)\s+"
    r"(?:did|done|do|got|get|finished|taken|take|had)?(?:\s+(?:my|the|a|an))?|"
    r"(?:can|could|should|would|shall|may|might) (?:i|he|she|we|they|you|u) (?:still )?"
    r"(?:do|study|take|start|get onto|get on|go on to|apply for)|"
    r"(?:is there|are there)(?: a| an| any)?|looking for|"
    # the field they work in is one to study in, not their course ("a member of the IT staff")
    r"work(?:s|ing)? (?:in|as)|job in|member of)\b"
)
#: intents of small talk, which a question mark does not make a question about courses
_SMALL_TALK = frozenset({"greet", "goodbye", "thank", "bot_challenge", "out_of_scope", "affirm",
                         "deny", "request_human", "restart"})  # fmt: skip
#: a question, by its mark or its first words
_QUESTION = re.compile(
    r"\?|(?:^|[.,;!]\s)\s*(?:is|are|can|could|would|will|should|do|does|did|what|whats|"
    r"which|who|where|how|why|when)\b|\b(?:is there|are there|can i|could i|would i|should i|"
    r"do i|can he|can she|could he|could she)\b"
)
#: "my" right before a course (a level or a kind of qualification may come between)
_MINE = re.compile(r"\bmy(?:\s+(?:level|lvl|l\d|\d|\w+ year|btec|nvq|city|and|guilds|"
                   r"t|extended|diploma|ext|dip|current))*\s*$", re.IGNORECASE)
#: "never did my 2391": a course the learner has not done (so one they may aim for)
_NOT_DONE = re.compile(r"\b(?:never|not yet|didn'?t|did not|haven'?t|have not)\s+"
                       r"(?:did|done|do|got|get|finished|taken|take|had)?\s*my\s*$")
#: the role of a course the learner says they have not got ("no degree"): left out
NOT_THEIRS = "none"
#: "i have no degree", "without a degree": a course the learner has not got
_NO_COURSE = re.compile(r"\b(?:have|got|with|has) no\s*$|\bwithout (?:a |an |any )?(?:existing )?$"
                        r"|\bmissed (?:out on )?(?:the |my )?(?:traditional )?(?:16-18 )?$")
#: "i havent got a level 3", "without a level 3": a level the learner does not have
_NO_LEVEL = re.compile(
    r"\b(?:no|without|never|havent|haven'?t|have not|hav not|don'?t have|dont have|"
    r"didn'?t (?:get|do|finish|pass)|did not (?:get|do|finish|pass)|never (?:did|got|finished))"
    r"\s+(?:(?:got|done|get|do|a|an|my|any|even|the)\s+)*$"
)
_AFTER_SPAN_TARGET = re.compile(r"^\s*(?:next|after(?:wards)?|later|one day|eventually)\b")
#: a course the learner left ("a nursing course which i left due to ill health"), or a
#: qualification named as a condition ("the GCSE requirement")
_AFTER_SPAN_NOT_THEIRS = re.compile(r"^\s*(?:course\s+)?(?:which|that) i (?:left|quit|dropped|"
                                    r"gave up|never finished)\b"
                                    r"|^\s*(?:requirements?|rules?|criteria)\b")
#: a follow-up that leaves the question out ("and for the HND?", "what about the FdSc")
_ELLIPTICAL = re.compile(r"^\s*(?:ok(?:ay)?,?\s+)?(?:and|what about|how about|same for|and for)\b")
#: words that say what the learner would like to do ("I want to be a physio")
_AIM = re.compile(
    r"\b(?:want(?:s)? to (?:be|become|work|do|go into|get into)|wanna (?:be|work|do)|"
    r"would like to (?:be|work|do)|'d like to (?:be|work|do)|interested in|into|loves?|enjoys?|"
    r"likes|"
    r"keen on|dream (?:is|of)|hoping to (?:be|work))\b\s*(?:(?:an?|the|in|with|on)\b)?\s*"
)
_AIM_END = re.compile(
    r"\s*(?:\bone day\b|\beventually\b|\bin the future\b|\binstead\b|[.?!,;]|\bbut\b|"
    r"\band i\b).*$"
)
_DONT_KNOW = re.compile(
    r"^(?:i\s*)?(?:don'?t|dont|do not) know\b|^(?:not sure|no idea|dunno|idk|unsure|"
    r"nothing (?:really|in particular)|anything|whatever|skip|not really|none|no preference)",
    re.IGNORECASE,
)
_CLEAR = re.compile(
    r"\b(?:any (?:mode|way|where|town|place)|anywhere|don'?t mind|doesn'?t matter|"
    r"no preference|show (?:me )?(?:everything|all)|clear (?:the )?filters?|"
    r"remove (?:the )?filters?)\b"
)
# "my local college", "my 2 local colleges": a college they have, not a wish to stay near
_OWN_LOCAL = re.compile(r"\b(?:my|our|his|her|their) (?:\w+ )?local\b")
_NEAR_ME = re.compile(
    r"\bnear (?:me|here|where i live|my house|home)\b|\bnearby\b|\bclose to (?:me|home)\b|"
    # "local" only about where to study ("somewhere local", "a local college"), never
    # in passing ("I work for a local electrician")
    r"\b(?:stay|study|studying|somewhere|something|anything|keep it|courses?) local(?:ly)?\b|"
    r"\blocal (?:to me|to here|college|colleges|uni|university|area|courses?|options?|"
    r"ones?|places?|providers?)\b|\bin my area\b|\bcan'?t travel\b|\bcannot travel\b|\bclose by\b|"
    r"\bnot (?:too |very )?far\b|\bnearest\b"
)
#: words before a town that make it a place the learner wants to study near
_NEAR_TOWN = re.compile(
    r"(?:\bnear|\baround|\bclose to|\bwithin .{0,20}(?:of|from)|\blive in|\bbased in|"
    r"\blocal to|\bin or near|\bstay in|\bstudy in|\bstudying in|\bcommute to|"
    r"\btravel to|\bonly in|\bsomewhere in|\bfrom|\bi'?m in|\bim in|\b(?:courses?|study|"
    r"something|anything|stuff|places?|options?|ones?|routes?) in)\s*$"
)
#: "actually" where it starts a clause ("what do I actually need" changes nothing)
_ACTUALLY = r"(?:^|[.,;!?]\s*|\b(?:but|and|no|oh|hmm|well|so|ok|okay)\s+)actually\b|"
_CHANGE_OF_MIND = re.compile(
    _ACTUALLY
    + r"\b(?:changed? my mind|on second thought|forget|instead|"
    r"rather (?:do|study|go into|be|work in)|not (?:into|interested in) .* any ?more|switch|"
    r"something (?:else|different)|scrap that|never ?mind (?:that|about)|what i really want|"
    r"don'?t want to do|(?:is|are|was|were)n'?t (?:for me|my thing)|not for me|not my thing|"
    r"no longer want|that'?s what i (?:really |actually )?(?:want|wanna))\b"
)
#: the cues that switch field even in a message that also names the learner's course
#: ("I'm on the BTEC engineering but actually I want to do nursing instead")
_SWITCH = re.compile(
    _ACTUALLY
    + r"\b(?:changed? my mind|instead|switch(?:ing)? (?:to|into)|not (?:into|interested "
    r"in) .* any ?more|no longer want|(?:is|are|was|were)n'?t (?:for me|my thing)|not for me)\b"
)


@dataclass(frozen=True)
class CourseMention:
    """A course named in the message, with what the catalogue component made of it."""

    text: str
    start: int
    #: "current" (the course the learner is on), "target" (one they aim for or ask about)
    role: str
    #: the best resolution; None when only DIET tagged the words
    best: Optional[Candidate] = None
    alternatives: Tuple[Candidate, ...] = ()

    @property
    def candidates(self) -> List[Candidate]:
        """The best resolution and the alternatives, best first."""
        return [c for c in [self.best, *self.alternatives] if c is not None]

    @property
    def families(self) -> Tuple[str, ...]:
        """The kinds of qualification the words name ("hnc", "foundation degree")."""
        return self.best.families if self.best is not None else ()


@dataclass(frozen=True)
class Interest:
    """An interest or career word, as the catalogue names it, and the subjects it is in."""

    name: str
    subjects: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """What one learner message says."""

    text: str
    intent: str = ""
    courses: Tuple[CourseMention, ...] = ()
    institution: Optional[str] = None
    institution_id: Optional[str] = None
    level: Optional[int] = None
    subjects: Tuple[str, ...] = ()
    interests: Tuple[Interest, ...] = ()
    #: words DIET tagged as a course or interest that the catalogue does not know
    loose_words: Tuple[str, ...] = ()
    grade: Optional[str] = None
    modes: Tuple[str, ...] = ()
    town: Optional[str] = None
    #: a town named without asking to study near it ("at a sixth form in York")
    mentioned_town: Optional[str] = None
    distance_km: Optional[float] = None
    ordinal: Optional[int] = None
    #: what the learner asks: "routes", "contact", "requirements", "details", "after"
    asks: Optional[str] = None
    #: the words alone ask nothing but continue the last question ("and for the HND?")
    elliptical: bool = False
    #: what the learner says they want to do, in their words ("be a physio")
    aim: str = ""
    #: the learner asks for a person ("can a real person get in touch?")
    wants_person: bool = False
    course_id: Optional[str] = None  # a course picked with a button
    near_me: bool = False
    clears_constraints: bool = False
    dont_know: bool = False
    changes_mind: bool = False
    #: a cue that switches field even beside the learner's course ("actually", "instead")
    switches_field: bool = False
    too_long: bool = False
    payload: bool = False
    entities: Tuple[Mapping[str, Any], ...] = field(default=(), repr=False)

    @property
    def current(self) -> Optional[CourseMention]:
        """The course the learner says they are on, if any.

        Of several ("doing the cache level 3 early years"), a course of the network
        before a kind of qualification, then the highest level ("I did the Level 3 in
        IT, then the HND": where they stand now), then the best fit.
        """
        mine = [c for c in self.courses if c.role == "current"]
        if not mine:
            return None
        return min(mine, key=lambda c: (not (c.best and c.best.in_catalogue),
                                        -((c.best.level or 0) if c.best else 0),
                                        -(c.best.score if c.best else 0.0)))  # fmt: skip

    @property
    def targets(self) -> List[CourseMention]:
        """Courses the learner aims for or asks about."""
        return [c for c in self.courses if c.role == "target"]

    @property
    def undecided(self) -> Optional[CourseMention]:
        """A lone course named with no word saying whose it is ("L3 motor vehicle")."""
        return next((c for c in self.courses if not c.role), None)

    @property
    def small_talk(self) -> bool:
        """Whether the intent is small talk (a greeting, "are you a bot?", thanks...)."""
        return self.intent in _SMALL_TALK

    @property
    def is_question(self) -> bool:
        """Whether the message asks something ("is there...", "what...?")."""
        return bool(_QUESTION.search(self.text.lower()))

    @property
    def has_words(self) -> bool:
        """Whether the message has any letters or digits at all."""
        return any(ch.isalnum() for ch in self.text)

    @property
    def says_anything(self) -> bool:
        """Whether the message tells the assistant anything it can use."""
        return bool(
            self.courses or self.institution or self.level or self.subjects or self.interests
            or self.grade or self.modes or self.town or self.distance_km or self.course_id
            or self.near_me or self.clears_constraints
        )  # fmt: skip


def _info(entity: Mapping[str, Any]) -> Dict[str, Any]:
    info = entity.get("additional_info")
    return dict(info) if isinstance(info, dict) else {}


def _ours(entity: Mapping[str, Any]) -> bool:
    return bool(entity.get("extractor") == RESOLVER_NAME)


def _clause_before(text: str, start: int) -> str:
    """The words before ``start`` in the same clause, lower case."""
    before = text[:start].lower()
    cut = max(before.rfind(sep) for sep in (".", "!", "?", ";", " but ", " and i", ", i"))
    return before[cut + 1 :] if cut >= 0 else before


def course_role(text: str, start: int, end: int) -> str:
    """Whether a course named at ``text[start:end]`` is the learner's or one they aim for.

    The nearest cue before it in the same clause decides ("I'm on X and want to do Y");
    "next" or "one day" right after it makes it a target; with no cue it is "".
    """
    before = _clause_before(text, start)
    if _NO_COURSE.search(before.lower()):
        return NOT_THEIRS  # "i have no degree, just A levels": neither theirs nor an aim
    if _AFTER_SPAN_TARGET.match(text[end:].lower()):
        return "target"
    if _AFTER_SPAN_NOT_THEIRS.match(text[end:].lower()):
        return NOT_THEIRS
    if _MINE.search(before) and not _NOT_DONE.search(before):
        return "current"  # "after my level 2 motor vehicle", "once i finish my L2 electrical"
    current = [m.end() for m in CURRENT_CUES.finditer(before)]
    target = [m.end() for m in TARGET_CUES.finditer(before)]
    if not current and not target:
        # "I cannot afford to give up work and attend a HE access course": not theirs
        return NOT_THEIRS if vocabulary.NEGATED.search(before) else ""
    return "current" if max(current, default=-1) > max(target, default=-1) else "target"


#: how far (in characters) a level may be from the learner's course to be its level
LEVEL_REACH = 12


def _course_level(levels: List[Tuple[int, int, int]], courses: List[CourseMention]) -> int:
    """The level of the learner's course: the one beside it, else the first one named.

    "why are salon owners so keen on level 3? im doing hair lvl 2": level 2.
    """
    own = [m for m in courses if m.role == "current"] or (courses if len(courses) == 1 else [])
    if own:
        start, end = own[0].start, own[0].start + len(own[0].text)
        gaps = [(max(s - end, start - e, 0), level) for s, e, level in levels]
        gap, level = min(gaps)
        if gap <= LEVEL_REACH:
            return level
    return levels[0][2]


def _assign_roles(mentions: List[CourseMention]) -> List[CourseMention]:
    """Settle the roles no cue decided, among several mentions.

    Of several mentions without a cue, the lowest level is the current course (unless
    a cue named one already) and the others are targets. A lone mention without a cue
    stays undecided: whether it is the learner's course depends on what the assistant
    knows already (see :mod:`actions.dialogue`).
    """
    undecided = [m for m in mentions if not m.role]
    if not undecided or len(mentions) == 1:
        return mentions
    has_current = any(m.role == "current" for m in mentions)

    def rank(m: CourseMention) -> Tuple[int, int, float]:
        best = m.best
        if best is None:
            return (99, 1, 0.0)
        # the lowest level; at one level, a course of the network before a kind of
        # qualification ("early years" before "cache" in "cache level 3 early years")
        return (best.level if best.level is not None else 99, 0 if best.in_catalogue else 1,
                -best.score)  # fmt: skip

    lowest = min(undecided, key=rank)
    out = []
    for mention in mentions:
        if mention.role:
            out.append(mention)
            continue
        role = "current" if (not has_current and mention is lowest) else "target"
        out.append(CourseMention(mention.text, mention.start, role, mention.best,
                                 mention.alternatives))  # fmt: skip
    return out


def asks_from(intent: str, text: str) -> Optional[str]:
    """The kind of question asked, from the intent and the words.

    A specific question in the words (who to contact, what it takes, what comes after,
    more about one) beats a general "what next?"; between two specific ones the
    intent wins.
    """
    by_intent = ASKS_BY_INTENT.get(intent)
    cue = cue_of(text)
    if cue is None or by_intent is None:
        return by_intent or cue
    if by_intent == "routes" or not _CUES[by_intent].search(text.lower()):
        return cue  # the words ask one thing, and nothing in them asks what the intent says
    return by_intent


_CUES = dict(ASK_CUES)


def cue_of(text: str) -> Optional[str]:
    """The kind of question the words alone ask, if any."""
    lowered = text.lower()
    return next((kind for kind, pattern in ASK_CUES if pattern.search(lowered)), None)


def aim_of(text: str) -> str:
    """What the learner says they want to do ("want to be a physio one day" -> "physio")."""
    found = list(_AIM.finditer(text.lower()))
    if not found:
        return ""
    aim = _AIM_END.sub("", text[found[-1].end() :]).strip()
    # "I want to do an apprenticeship": a way of studying (a mode), not a field
    table = everyday_words()
    words = [w for w in re.findall(r"[a-z][a-z'-]*", aim.lower()) if w not in table.function_words]
    return "" if table.about_studying(words) else aim


def is_dont_know(text: str) -> bool:
    """"not sure", "no idea", "anything" and the like."""
    return bool(_DONT_KNOW.search(text.strip()))


#: typographic quotes as plain ones, one character for one (the entities' offsets hold):
#: a curly apostrophe in "I'm on" is a plain one
_PLAIN_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'",
                               "\u201c": '"', "\u201d": '"'})  # fmt: skip


def read(message: Mapping[str, Any]) -> Reading:
    """Read a parsed message (``tracker.latest_message``)."""
    text = str(message.get("text") or "").translate(_PLAIN_QUOTES)
    intent = str((message.get("intent") or {}).get("name") or "")
    if intent == "request_human" and not text.startswith("/") and not (
        names_a_person(text)
    ):
        # "hi, need some advice", "can I get some help": help the assistant gives itself
        # (its greeting says what it does); a person only when the words name one
        intent = "greet"
    entities = [e for e in message.get("entities") or [] if isinstance(e, dict)]
    payload = text.startswith("/")
    if len(text) > MAX_MESSAGE_CHARS:
        return Reading(text=text, intent=intent, too_long=True)
    words = "" if payload else text
    mentions: List[CourseMention] = []
    loose: List[str] = []
    interests: List[Interest] = []
    subjects: List[str] = []
    fields: Dict[str, Any] = {}
    levels: List[Tuple[int, int, int]] = []
    for entity in entities:
        kind, value, info = entity.get("entity"), str(entity.get("value") or ""), _info(entity)
        start, end = int(entity.get("start") or 0), int(entity.get("end") or 0)
        if kind == "course_id":
            fields["course_id"] = value
        elif kind == "course":
            if _ours(entity) and info.get("title"):
                best = Candidate.of(info)
                alternatives = tuple(Candidate.of(a) for a in info.get("alternatives") or [])
                role = str(entity.get("role") or "") or (
                    course_role(words, start, end) if words else ""
                )
                mentions.append(CourseMention(value, start, role, best, alternatives))
            elif payload and value:
                mentions.append(CourseMention(value, start, "current"))
            elif value:
                loose.append(value)
        elif kind == "interest":
            if info.get("keyword"):
                interests.append(
                    Interest(str(info["keyword"]), tuple(info.get("subjects") or ()))
                )
            elif value:
                loose.append(value)
        elif kind == "subject" and (info.get("subject") or payload):
            subjects.append(str(info.get("subject") or value))
        elif kind == "institution" and (info.get("institution_id") or payload):
            fields.setdefault("institution", str(info.get("name") or value))
            fields.setdefault("institution_id", info.get("institution_id"))
        elif kind == "town" and (info.get("town") or payload):
            if payload or _NEAR_TOWN.search(words[:start].lower()) or words.strip() == value:
                fields.setdefault("town", str(info.get("town") or value))
            else:  # "at a sixth form in York": where they study now, not a filter
                fields.setdefault("mentioned_town", str(info.get("town") or value))
        elif kind == "level":
            level = info.get("level") or vocabulary.explicit_level(value)
            if level and not _NO_LEVEL.search(words[:start].lower()):
                levels.append((start, end, int(level)))
        elif kind == "grade" and value:
            fields.setdefault("grade", value)
        elif kind == "mode" and payload:  # typed text is read whole, below
            fields.setdefault("modes", tuple(vocabulary.modes_in(info.get("mode") or value, True)))
        elif kind == "ordinal" and (_ours(entity) or payload):
            index = info.get("index")
            index = vocabulary.ordinal_index(value) if index is None else int(index)
            if index is not None:
                fields.setdefault("ordinal", index)
    if words:
        asked = True if intent == "inform_constraint" else None
        fields["modes"] = tuple(vocabulary.modes_in(words, asked))
        if fields.get("ordinal") is None:
            found = vocabulary.find_ordinal(words)
            if found is not None:
                fields["ordinal"] = found
    courses = [m for m in _assign_roles(mentions) if m.role != NOT_THEIRS]
    if levels:
        fields["level"] = _course_level(levels, courses)
    return Reading(
        text=text,
        intent=intent,
        courses=tuple(courses),
        subjects=tuple(dict.fromkeys(subjects)),
        interests=tuple(dict.fromkeys(interests)),
        loose_words=tuple(dict.fromkeys(loose)),
        asks=asks_from(intent, words),
        elliptical=bool(_ELLIPTICAL.search(words.lower())) and cue_of(words) is None,
        aim=aim_of(words),
        wants_person=(intent == "request_human" or asks_for_a_person(words))
        and not asks_if_bot(words),
        distance_km=vocabulary.distance_km(words) if words else None,
        near_me=bool(_NEAR_ME.search(_OWN_LOCAL.sub(" ", words.lower()))),
        clears_constraints=bool(_CLEAR.search(words.lower())),
        dont_know=is_dont_know(words) if words else False,
        changes_mind=bool(_CHANGE_OF_MIND.search(words.lower())),
        switches_field=bool(_SWITCH.search(words.lower())),
        payload=payload,
        entities=tuple(entities),
        **fields,
    )
