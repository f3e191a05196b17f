"""Who a command runs for: the typed actor every command is checked against.

    Operator   someone trusted with the whole installation: a shell with its settings and
               database (the command line), or a Prefect user who starts runs
    System     a scheduled job acting by itself: the daily follow-up, the signing poll
    Visitor    someone in the portal who has not signed in
    Person     a signed-in contact: what it reaches follows from its contacts (a contact of
               an organisation — signatory, PJD lead, personvernombud, IT — is its member; a
               coordinator of an organiser coordinates the organisations of its areas; a
               signatory of an agreement may hand in its own signed copy)

`label` is how the audit log names the actor.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Operator:
    name: str
    via: str = "cli"  # cli | prefect

    @property
    def label(self) -> str:
        return self.name if self.via == "cli" else f"{self.via}:{self.name}"


@dataclass(frozen=True)
class System:
    job: str  # follow-up | poll-signatures | …

    @property
    def label(self) -> str:
        return f"system:{self.job}"


@dataclass(frozen=True)
class Visitor:
    @property
    def label(self) -> str:
        return "portal"


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    organisation_ids: frozenset[int]  # a contact of these
    area_ids: frozenset[int]  # coordinates these collaboration areas
    session: str | None = None  # the hash of the portal session it acts in

    @property
    def label(self) -> str:
        return f"portal:{self.email}"


Actor = Operator | System | Visitor | Person


def kind_of(actor: Actor) -> str:
    """The actor's kind as the rule set and its refusals name it."""
    return {Operator: "operator", System: "system", Visitor: "visitor",
            Person: "person"}[type(actor)]
