"""What the window shows about moving through a run, as one frozen value the controller emits.

Views and actions read only this and the record: they never ask the controller back, so
what they show is exactly what was announced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the frame imports this module, and must paint before torch loads
    from kvviz.core.run import Run


@dataclass(frozen=True)
class NavState:
    """Where the user is in the run and what can be done next.

    ``step`` is the step shown and ``count`` the steps computed so far; ``waiting`` is true
    while a step the user asked for is still being computed; ``stop_message`` says why the
    run cannot go on (shown at the newest step only; "" while it can).
    """

    step: int
    count: int
    can_back: bool
    can_forward: bool
    playing: bool
    running_to_end: bool
    waiting: bool
    stop_message: str

    @classmethod
    def of(cls, run: Run, *, playing: bool, to_end: bool, waiting: bool) -> NavState:
        """The state of ``run`` while it plays (``to_end``: running to the end) and a step is ``waiting``."""
        stop = run.stop_reason if run.history.at_newest else None
        return cls(
            step=run.current.step,
            count=len(run.history),
            can_back=run.cursor > 0,
            can_forward=run.can_step_forward(),
            playing=playing,
            running_to_end=playing and to_end,
            waiting=waiting,
            stop_message=stop or "",
        )

    @property
    def at_limit(self) -> bool:
        """The newest step is shown and no step can follow it."""
        return bool(self.stop_message)
