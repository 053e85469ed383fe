"""ORM models of a Lifelong Learning Network catalogue (SQLAlchemy 1.4, 2.0 style)."""

from __future__ import annotations

import datetime as dt
from typing import Any, List, Optional

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship

Base: Any = declarative_base()


def utcnow() -> dt.datetime:
    """The current UTC time without tzinfo (stored as UTC)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def split_list(value: Optional[str]) -> List[str]:
    """Split a stored ';'-separated list into its stripped, non-empty items."""
    if not value:
        return []
    return [item.strip() for item in value.split(";") if item.strip()]


class Network(Base):
    """A partnership of colleges and universities that publishes progression routes."""

    __tablename__ = "network"

    id = Column(Integer, primary_key=True)
    slug = Column(String(100), nullable=False, unique=True)
    name = Column(String(300), nullable=False)
    region = Column(String(200), nullable=False, default="")
    description = Column(Text, nullable=False, default="")
    website = Column(String(500), nullable=False, default="")
    source = Column(String(500), nullable=False, default="")
    #: derived at import, for fast route search: ';'-separated subjects, top course level
    subjects = Column(Text, nullable=False, default="")
    max_level = Column(Integer, nullable=False, default=0)
    #: a new random stamp at every import: what changed since a resolver was built
    version = Column(String(64), nullable=False, default="", server_default="")

    institutions = relationship(
        "Institution", back_populates="network", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"Network(slug={self.slug!r}, name={self.name!r})"


class Institution(Base):
    """A college, university or provider in a network."""

    __tablename__ = "institution"
    __table_args__ = (UniqueConstraint("network_id", "code"),)

    id = Column(Integer, primary_key=True)
    network_id = Column(
        Integer, ForeignKey("network.id", ondelete="CASCADE"), nullable=False, index=True
    )
    code = Column(String(100), nullable=False)
    name = Column(String(300), nullable=False)
    kind = Column(String(40), nullable=False)
    town = Column(String(120), nullable=False, default="")
    postcode = Column(String(20), nullable=False, default="")
    latitude = Column(Float)
    longitude = Column(Float)
    website = Column(String(500), nullable=False, default="")
    ukprn = Column(String(20), nullable=False, default="")

    network = relationship("Network", back_populates="institutions")
    courses = relationship("Course", back_populates="institution", cascade="all, delete-orphan")
    contacts = relationship("Contact", back_populates="institution", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"Institution(code={self.code!r}, name={self.name!r})"


class Course(Base):
    """A course taught at an institution."""

    __tablename__ = "course"
    __table_args__ = (
        UniqueConstraint("network_id", "code"),
        Index("ix_course_subject_level", "subject_key", "level"),
        Index("ix_course_network_level", "network_id", "level"),
    )

    id = Column(Integer, primary_key=True)
    network_id = Column(
        Integer, ForeignKey("network.id", ondelete="CASCADE"), nullable=False, index=True
    )
    institution_id = Column(
        Integer,
        ForeignKey("institution.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    code = Column(String(100), nullable=False, index=True)
    title = Column(String(400), nullable=False)
    qualification = Column(String(200), nullable=False, default="")
    level = Column(Integer, nullable=False)
    subject = Column(String(200), nullable=False)
    #: lower-cased subject, for same-subject ladder queries
    subject_key = Column(String(200), nullable=False)
    modes = Column(String(200), nullable=False, default="")
    town = Column(String(120), nullable=False, default="")
    duration = Column(String(100), nullable=False, default="")
    entry_requirements = Column(Text, nullable=False, default="")
    ucas_points = Column(Integer)
    aliases = Column(Text, nullable=False, default="")
    keywords = Column(Text, nullable=False, default="")
    url = Column(String(500), nullable=False, default="")
    #: lemmatised words of title, subject, aliases and keywords, space-separated
    terms = Column(Text, nullable=False, default="")

    institution = relationship("Institution", back_populates="courses")
    outgoing = relationship(
        "Progression",
        foreign_keys="Progression.from_course_id",
        back_populates="from_course",
        cascade="all, delete-orphan",
    )
    incoming = relationship(
        "Progression",
        foreign_keys="Progression.to_course_id",
        back_populates="to_course",
        cascade="all, delete-orphan",
    )

    @property
    def alias_list(self) -> List[str]:
        """Aliases as a list."""
        return split_list(self.aliases)

    @property
    def keyword_list(self) -> List[str]:
        """Keywords as a list."""
        return split_list(self.keywords)

    def __repr__(self) -> str:
        return f"Course(code={self.code!r}, title={self.title!r}, level={self.level})"


class Progression(Base):
    """A progression agreement from one course to another."""

    __tablename__ = "progression"
    __table_args__ = (UniqueConstraint("from_course_id", "to_course_id"),)

    id = Column(Integer, primary_key=True)
    network_id = Column(
        Integer, ForeignKey("network.id", ondelete="CASCADE"), nullable=False, index=True
    )
    from_course_id = Column(
        Integer, ForeignKey("course.id", ondelete="CASCADE"), nullable=False, index=True
    )
    to_course_id = Column(
        Integer, ForeignKey("course.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind = Column(String(40), nullable=False)
    conditions = Column(Text, nullable=False, default="")

    from_course = relationship("Course", foreign_keys=[from_course_id], back_populates="outgoing")
    to_course = relationship("Course", foreign_keys=[to_course_id], back_populates="incoming")

    def __repr__(self) -> str:
        return f"Progression({self.from_course_id} -> {self.to_course_id}, kind={self.kind!r})"


class Contact(Base):
    """A person to contact at an institution, for some or all subjects."""

    __tablename__ = "contact"
    __table_args__ = (UniqueConstraint("network_id", "code"),)

    id = Column(Integer, primary_key=True)
    network_id = Column(
        Integer, ForeignKey("network.id", ondelete="CASCADE"), nullable=False, index=True
    )
    institution_id = Column(
        Integer,
        ForeignKey("institution.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    code = Column(String(100), nullable=False)
    name = Column(String(200), nullable=False)
    role = Column(String(200), nullable=False, default="")
    email = Column(String(300), nullable=False, default="")
    phone = Column(String(50), nullable=False, default="")
    #: ';'-separated subjects covered; blank means all subjects
    subjects = Column(Text, nullable=False, default="")
    notes = Column(Text, nullable=False, default="")

    institution = relationship("Institution", back_populates="contacts")

    @property
    def subject_list(self) -> List[str]:
        """Subjects covered, as a list (empty means all)."""
        return split_list(self.subjects)

    def __repr__(self) -> str:
        return f"Contact(code={self.code!r}, name={self.name!r})"


class Qualification(Base):
    """A regulated qualification title learners may hold (the Ofqual gazetteer)."""

    __tablename__ = "qualification"
    __table_args__ = (UniqueConstraint("title", "awarding_body"),)

    id = Column(Integer, primary_key=True)
    title = Column(String(500), nullable=False)
    awarding_body = Column(String(200), nullable=False, default="")
    level = Column(Integer)
    qualification_type = Column(String(200), nullable=False, default="")
    subject = Column(String(300), nullable=False, default="")
    source = Column(String(200), nullable=False, default="")

    def __repr__(self) -> str:
        return f"Qualification(title={self.title!r}, level={self.level})"


class CatalogueVersion(Base):
    """One published version of a network: its source files, who published it and when.

    Rows are only ever added: a roll-back publishes an older version's source again,
    as a new version. ``published_by`` is the console account's display text (the
    catalogue knows nothing of console accounts); empty for the command line.
    """

    __tablename__ = "catalogue_version"
    __table_args__ = (UniqueConstraint("network_slug", "number"),)

    id = Column(Integer, primary_key=True)
    network_slug = Column(String(100), nullable=False, index=True)
    #: 1, 2, 3... within the network
    number = Column(Integer, nullable=False)
    published_at = Column(DateTime, nullable=False, default=utcnow)
    #: the console account's id (no foreign key: accounts belong to the enquiries)
    published_by_id = Column(Integer)
    published_by = Column(String(400), nullable=False, default="")
    #: "upload", "rollback" or "baseline" (the catalogue as the command line left it)
    kind = Column(String(20), nullable=False)
    note = Column(Text, nullable=False, default="")
    #: the version a roll-back published again
    rolled_back_to = Column(Integer)
    #: the network folder's files, as a zip archive made by :mod:`pathways_catalogue.uploads`
    source = Column(LargeBinary, nullable=False)
    source_sha256 = Column(String(64), nullable=False)
    #: the ``network.version`` stamp this publish wrote
    network_version = Column(String(64), nullable=False, default="")
    institutions = Column(Integer, nullable=False, default=0)
    courses = Column(Integer, nullable=False, default=0)
    agreements = Column(Integer, nullable=False, default=0)
    contacts = Column(Integer, nullable=False, default=0)

    def __repr__(self) -> str:
        return f"CatalogueVersion(network_slug={self.network_slug!r}, number={self.number})"


class CatalogueDraft(Base):
    """A validated upload waiting for its coordinator to publish or discard it.

    One per console account: a new upload replaces it.
    """

    __tablename__ = "catalogue_draft"

    id = Column(Integer, primary_key=True)
    #: the console account it belongs to (no foreign key, as in ``catalogue_version``)
    owner_id = Column(Integer, nullable=False, unique=True)
    network_slug = Column(String(100), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    #: the live network's ``version`` stamp when it was uploaded: publishing a draft
    #: made over an older catalogue would undo what was published since
    base_version = Column(String(64), nullable=False, default="")
    #: what was uploaded, in words ("courses.csv", "vale.zip")
    uploaded = Column(String(400), nullable=False, default="")
    source = Column(LargeBinary, nullable=False)
    source_sha256 = Column(String(64), nullable=False)

    def __repr__(self) -> str:
        return f"CatalogueDraft(owner_id={self.owner_id}, network_slug={self.network_slug!r})"
