"""The hand-labelled components (tests/data/component_labels.json) and how well the reader agrees.

Used by the test that holds the reader to its target and by ``tools/component_label_report.py``, which
prints the figures for a closing note.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk_app.core.catalogue import Channel, ComponentData, ComponentKind
from desk_app.core.components import derive, required_on
from desk_app.core.text import clean, clean_line

LABELS = Path(__file__).parent / "data" / "component_labels.json"


@dataclass(frozen=True)
class Labelled:
    """One procedure: its published components read by the rules, and the hand labels."""

    code: str
    set: str
    channels: tuple[Channel, ...]
    read: tuple[ComponentData, ...]
    labels: tuple[dict[str, Any], ...]
    names: tuple[str, ...]


def load(which: str | None = None) -> list[Labelled]:
    """The labelled procedures, optionally only the "dev" or the "held-out" set."""
    doc = json.loads(LABELS.read_text(encoding="utf-8"))
    out = []
    for proc in doc["procedures"]:
        if which is not None and proc["set"] != which:
            continue
        raw = [
            ComponentData(
                position=c["position"],
                name=clean(c["name"]),
                kind=ComponentKind.SUBMIT,
                originals=c["originals"],
                copies=c["copies"],
                group=clean_line(c["group"]),
            )
            for c in proc["components"]
        ]
        out.append(
            Labelled(
                proc["code"],
                proc["set"],
                tuple(Channel(ch) for ch in proc["channels"]),
                derive(raw, tuple(Channel(ch) for ch in proc["channels"])),
                tuple(c["label"] for c in proc["components"]),
                tuple(c["name"] for c in proc["components"]),
            )
        )
    return out


def labelled_required(label: dict[str, Any], channel: Channel) -> bool:
    """The hand label's answer to "must every applicant on this channel bring it?"."""
    if label["role"] == "note":
        return False
    return label["applies"] == "always" or (
        label["applies"] == "channels" and channel.value in label["channels"]
    )


@dataclass
class Score:
    """Precision and recall of one yes/no question."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, truth: bool, predicted: bool, where: str) -> None:
        if truth and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
            self.errors.append(f"FP {where}")
        elif truth:
            self.fn += 1
            self.errors.append(f"FN {where}")
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:<34} precision {self.precision:6.1%}  recall {self.recall:6.1%}  "
            f"accuracy {self.accuracy:6.1%}  (tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})"
        )


def required_score(procedures: list[Labelled]) -> Score:
    """ "Is this paper required on this channel?" for every offered channel of every procedure."""
    score = Score()
    for proc in procedures:
        for channel in proc.channels:
            for comp, label, name in zip(proc.read, proc.labels, proc.names, strict=True):
                score.add(
                    labelled_required(label, channel),
                    required_on(comp, channel),
                    f"{proc.code} #{comp.position} {channel.value}: {name[:90]}",
                )
    return score


def label_scores(procedures: list[Labelled]) -> dict[str, Score]:
    """One-vs-rest precision and recall of each role and each "applies" value."""
    scores: dict[str, Score] = {}
    for proc in procedures:
        for comp, label, name in zip(proc.read, proc.labels, proc.names, strict=True):
            where = f"{proc.code} #{comp.position}: {name[:90]}"
            for role in ("submit", "show", "note"):
                scores.setdefault(f"role={role}", Score()).add(
                    label["role"] == role, comp.kind.value == role, where
                )
            if label["role"] == "note" or comp.kind is ComponentKind.NOTE:
                continue
            for applies in ("always", "channels", "case", "alternative"):
                scores.setdefault(f"applies={applies} (papers)", Score()).add(
                    label["applies"] == applies, comp.applies == applies, where
                )
    return scores


def counts(procedures: list[Labelled]) -> Counter[str]:
    """How many procedures and components the figures are over."""
    return Counter({"procedures": len(procedures), "components": sum(len(p.labels) for p in procedures)})
