"""The voter register: persons from the registry, imports, events, voter lists, outside voting."""

from .corrections import ListCorrectionRequest
from .lists import AbsenteeCertificate, SpecialStay, VoterList, VoterListEntry
from .outside import OutsideVotingRequest
from .register import (
    ImportRejection,
    Person,
    PersonChange,
    RegisterImport,
    RegistryEvent,
    StagingAddress,
    StagingPerson,
)

__all__ = [
    "AbsenteeCertificate",
    "ImportRejection",
    "ListCorrectionRequest",
    "OutsideVotingRequest",
    "Person",
    "PersonChange",
    "RegisterImport",
    "RegistryEvent",
    "SpecialStay",
    "StagingAddress",
    "StagingPerson",
    "VoterList",
    "VoterListEntry",
]
