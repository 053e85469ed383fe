"""ORM models of a Lifelong Learning Network catalogue (SQLAlchemy 1.4, 2.0 style)."""

from __future__ import annotations

from typing import Any, List, Optional

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship

Base: Any = declarative_base()


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
