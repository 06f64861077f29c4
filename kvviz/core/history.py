"""The records of a run that a user moves through: a list that only grows, and a cursor.

Kept apart from the engine that makes the records, so that looking back never computes
anything and an app can let a worker thread make the next record while the user moves here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from kvviz.core.record import StepRecord


class History(Sequence[StepRecord]):
    """Records in step order (``history[i]`` is step ``i``) and the one shown, the cursor."""

    def __init__(self, first: StepRecord) -> None:
        self.restart(first)

    def restart(self, first: StepRecord) -> None:
        """Forget every record: the run starts again from ``first`` (its prefill)."""
        self._records = [first]
        self.cursor = 0

    def copy(self) -> History:
        """The same records and cursor; moving one cursor leaves the other where it was."""
        twin = History(self._records[0])
        twin._records = list(self._records)
        twin.cursor = self.cursor
        return twin

    @property
    def records(self) -> tuple[StepRecord, ...]:
        return tuple(self._records)

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> StepRecord: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[StepRecord]: ...
    def __getitem__(self, index):
        return self._records[index]

    @property
    def current(self) -> StepRecord:
        return self._records[self.cursor]

    @property
    def newest(self) -> StepRecord:
        return self._records[-1]

    @property
    def at_newest(self) -> bool:
        return self.cursor == len(self._records) - 1

    def append(self, record: StepRecord) -> StepRecord:
        """Add the step after the newest and show it."""
        if record.step != len(self._records):
            raise ValueError(f"expected step {len(self._records)}, got step {record.step}")
        self._records.append(record)
        self.cursor = len(self._records) - 1
        return record

    def go_to(self, step: int) -> StepRecord:
        """Show ``step``, clamped to the steps recorded."""
        self.cursor = max(0, min(step, len(self._records) - 1))
        return self.current
