"""Divisions made or abolished since cpca's table (division_changes.tsv), and the years each
one was in force.

cpca's table is of 2016: reports of later years are by the bodies of today's divisions
(临平区, 2021), and a name the table knows may have stopped naming a division since (莱芜市,
2018). Data and look-ups only; `_places` merges the divisions in, `_region` decides.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

# Kinds of change after which the division is the one it replaces under a new name or code:
# the same territory (give or take a town) and the same bodies, renamed with it.
_SAME_BODY = frozenset({"撤县设区", "撤市设区", "撤县设市", "撤区设县", "撤地设市", "更名", "改隶"})
KINDS = _SAME_BODY | {"新设", "合并", "撤销"}


@dataclass(frozen=True, slots=True)
class Change:
    adcode: str
    name: str
    parent: str
    year: int
    kind: str
    former: tuple[tuple[str, str], ...]  # (adcode, name) of each division it replaces

    @property
    def abolishes_itself(self) -> bool:
        """A 撤销 row names the division it ends, not one it makes."""
        return self.kind == "撤销"

    @property
    def same_body(self) -> bool:
        """The one division it replaces, under a new name or code (临安市 -> 临安区)."""
        return self.kind in _SAME_BODY and len(self.former) == 1


def parse_changes(text: str) -> tuple[Change, ...]:
    """The rows of division_changes.tsv; a malformed row is a ValueError naming its line."""
    found: list[Change] = []
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.startswith("#")]
    for number, line in lines[1:]:  # the first is the header
        cells = line.split("\t")
        if len(cells) != 7:
            raise ValueError(f"division_changes.tsv line {number}: {len(cells)} cells, not 7")
        adcode, name, parent, year, kind, names, codes = cells
        former_names = names.split(",") if names else []
        former_codes = codes.split(",") if codes else []
        if (kind not in KINDS or len(former_names) != len(former_codes) or not year.isdigit()
                or not all(len(c) == 6 and c.isdigit() for c in (adcode, parent, *former_codes))):
            raise ValueError(f"division_changes.tsv line {number}: malformed row {line!r}")
        found.append(Change(adcode, name, parent, int(year), kind,
                            tuple(zip(former_codes, former_names, strict=True))))
    return tuple(found)


@functools.cache
def changes() -> tuple[Change, ...]:
    text = resources.files(__package__).joinpath("division_changes.tsv").read_text("utf-8")
    return parse_changes(text)


@functools.cache
def made() -> tuple[Change, ...]:
    """Changes that made a division (every row but 撤销)."""
    return tuple(c for c in changes() if not c.abolishes_itself)


@functools.cache
def _ended_by() -> dict[tuple[str, str], Change]:
    """(adcode, name) of a division -> the change that ended it."""
    ended: dict[tuple[str, str], Change] = {}
    for change in changes():
        if change.abolishes_itself:
            ended[(change.adcode, change.name)] = change
        for former in change.former:
            ended.setdefault(former, change)
    return ended


@functools.cache
def _made_in() -> dict[tuple[str, str], int]:
    return {(c.adcode, c.name): c.year for c in made()}


def ended_by(adcode: str, name: str) -> Change | None:
    """The change that ended the division, if one did."""
    return _ended_by().get((adcode, name))


def continuations(adcode: str, name: str) -> tuple[Change, ...]:
    """The changes that carried the division on under a new name or code, in order
    (临安市: 撤市设区 to 临安区; 三元区 350403: 合并 into 三元区 350404), up to one that
    ended it otherwise."""
    chain: list[Change] = []
    while (change := ended_by(adcode, name)) is not None and not change.abolishes_itself \
            and (change.same_body or change.name == name) and len(chain) < len(changes()):
        chain.append(change)
        adcode, name = change.adcode, change.name
    return tuple(chain)


def in_force(adcode: str, name: str, year: int | None) -> bool:
    """The division existed under that name and code in `year` (None: today). In the year
    of a change both the old and the new division count: a report on that year may be by
    either."""
    since = _made_in().get((adcode, name))
    ended = _ended_by().get((adcode, name))
    if year is None:
        return ended is None
    return (since is None or since <= year) and (ended is None or year <= ended.year)


def names_of(adcode: str) -> tuple[str, ...]:
    """Every name a code has had since cpca's table (130502: 桥东区, then 襄都区)."""
    return tuple(dict.fromkeys(name for code, name in (*_made_in(), *_ended_by())
                               if code == adcode))
