"""A run: what it is made of (:class:`RunSpec`), the one place it is built, and its navigation.

The CLI, the app, the exporters and the benchmarks all describe a run as a ``RunSpec`` and
get it from :func:`build_run`, so a run means the same everywhere. A :class:`Run` joins the
engine, which makes records, to the history a user moves through; stepping past the newest
record asks the engine for the next one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kvviz.core.checkpoint import Weights, build_model
from kvviz.core.config import ModelConfig
from kvviz.core.decoder import Decoder, ModelSource
from kvviz.core.defaults import DEFAULT_PROMPT, DEFAULT_WEIGHTS, default_config
from kvviz.core.engine import BOTH_MODES, Engine
from kvviz.core.history import History
from kvviz.core.policy import CachePolicy
from kvviz.core.record import Mode, StepRecord
from kvviz.core.reference import choose_reference
from kvviz.core.sampling import Sampling


@dataclass(frozen=True)
class RunSpec:
    """Everything that defines a run: the model shape, its weights, the prompt, how tokens are
    chosen, the token budget (None: until a limit of the cache), the cache policy and storage type,
    and whether the uncached reference runs (auto / on / off: see :mod:`kvviz.core.reference`)."""

    config: ModelConfig = field(default_factory=default_config)
    prompt: str = DEFAULT_PROMPT
    max_new_tokens: int | None = None
    policy: CachePolicy = field(default_factory=CachePolicy)
    cache_dtype: str = "model"
    weights: Weights | ModelSource = DEFAULT_WEIGHTS
    sampling: Sampling = field(default_factory=Sampling)
    uncached: str = "auto"


def build_run(
    spec: RunSpec,
    *,
    count_flops: bool = False,
    record_attention: bool = True,
    modes: Sequence[Mode] | None = None,
) -> Run:
    """The run ``spec`` describes, prefilled. How it is measured is the caller's choice
    (``count_flops``, ``record_attention``, ``modes``: see :class:`Engine`); ``modes`` None
    follows ``spec.uncached``, judged by the cost of one uncached pass over the whole context.

    Bad weights raise CheckpointError; an impossible spec raises ConfigError naming the field.
    """
    model: Decoder = (
        spec.weights.build_model(spec.config)
        if isinstance(spec.weights, ModelSource)
        else build_model(spec.config, spec.weights)
    )
    uncached_off = ""
    if modes is None:
        context = spec.config.context_length
        reference = choose_reference(spec.uncached, model.flops(context, context).total, context)
        modes, uncached_off = (BOTH_MODES if reference.runs else (Mode.CACHED,)), reference.reason
    engine = Engine(
        spec.config,
        spec.prompt,
        model=model,
        sampling=spec.sampling,
        max_new_tokens=spec.max_new_tokens,
        record_attention=record_attention,
        count_flops=count_flops,
        modes=modes,
        policy=spec.policy,
        cache_dtype=spec.cache_dtype,
        uncached_off=uncached_off,
    )
    return Run(engine, spec)


class Run:
    """An engine and the history of its records; ``spec`` is what it was built from, when known.

    Everything here runs on the caller's thread. An app that computes ahead calls
    ``run.engine.decode()`` on a worker and hands the records it made to :meth:`add_made_ahead`;
    :meth:`step_forward` then shows them in turn instead of computing. Meanwhile the history,
    and all it holds, is untouched by the worker.
    """

    def __init__(self, engine: Engine, spec: RunSpec | None = None) -> None:
        self.engine = engine
        self.spec = spec
        self.history = History(engine.newest)
        self._ahead: deque[StepRecord] = deque()  # made by the engine after the newest shown, in order

    @property
    def config(self) -> ModelConfig:
        return self.engine.config

    @property
    def records(self) -> tuple[StepRecord, ...]:
        return self.history.records

    @property
    def current(self) -> StepRecord:
        return self.history.current

    @property
    def frontier(self) -> StepRecord:
        """The newest record in the history."""
        return self.history.newest

    @property
    def cursor(self) -> int:
        return self.history.cursor

    @property
    def stop_reason(self) -> str | None:
        """Why no step can follow the newest record, or None if one can."""
        return self.engine.stop_reason(self.history.newest)

    def snapshot(self) -> Run:
        """The same records in a history of its own, for a window that only shows them (an export).

        It shares the engine, so it must not step past its newest record while this run goes on.
        """
        twin = Run.__new__(Run)
        twin.engine, twin.spec, twin.history = self.engine, self.spec, self.history.copy()
        twin._ahead = deque()
        return twin

    def add_made_ahead(self, records: Iterable[StepRecord]) -> None:
        """Records the engine made after the newest one, in step order, for :meth:`step_forward` to show."""
        for record in records:
            expected = (self._ahead[-1] if self._ahead else self.history.newest).step + 1
            if record.step != expected:
                raise ValueError(f"expected step {expected} made ahead, got step {record.step}")
            self._ahead.append(record)

    @property
    def made_ahead(self) -> int:
        """How many records wait to be shown after the newest."""
        return len(self._ahead)

    def can_step_forward(self) -> bool:
        return not self.history.at_newest or self.stop_reason is None

    def step_forward(self) -> StepRecord:
        """Show the next step: from the history if it exists, else computed now (GenerationStopped at a limit)."""
        if not self.history.at_newest:
            return self.history.go_to(self.cursor + 1)
        if self._ahead:
            return self.history.append(self._ahead.popleft())
        return self.history.append(self.engine.decode())

    def show_made_ahead(self) -> StepRecord:
        """Add every record made ahead to the history and show the last (running to the end shows the newest)."""
        while self._ahead:
            self.history.append(self._ahead.popleft())
        return self.history.go_to(len(self.history) - 1)

    def step_back(self) -> StepRecord:
        return self.history.go_to(self.cursor - 1)

    def seek(self, step: int) -> StepRecord:
        """Go to ``step``, computing forward as needed; stops early (no error) at the limit."""
        if step < 0:
            raise ValueError(f"step must be non-negative, got {step}")
        while self.cursor < step and self.can_step_forward():
            self.step_forward()
        return self.history.go_to(step)

    def reset(self) -> StepRecord:
        """Discard the run and prefill the prompt again (same seed, so the same run)."""
        self._ahead.clear()
        self.history.restart(self.engine.prefill())
        return self.current
