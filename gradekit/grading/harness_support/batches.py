"""Seeded minibatches: the same seed gives the same batches, on any machine."""

from __future__ import annotations

import torch


class EpochBatches:
    """Indices of full batches, in a new random order each epoch (no short batch at an epoch's end).

    ``next()`` gives a (batch_size,) int64 tensor; the order comes from
    ``generator`` only, so sharing it with other draws keeps one seeded stream.
    """

    def __init__(self, count: int, batch_size: int, generator: torch.Generator):
        if not 0 < batch_size <= count:
            raise ValueError(f"batches of {batch_size} from {count} items")
        self.count, self.batch_size, self.generator = count, batch_size, generator
        self._order, self._position = torch.empty(0, dtype=torch.long), count

    def next(self) -> torch.Tensor:
        if self._position + self.batch_size > self.count:  # a new epoch in a new order
            self._order, self._position = torch.randperm(self.count, generator=self.generator), 0
        batch = self._order[self._position:self._position + self.batch_size]
        self._position += self.batch_size
        return batch


class RandomBatches:
    """Indices of batches drawn uniformly with replacement: (batch_size,) int64 per ``next()``."""

    def __init__(self, count: int, batch_size: int, generator: torch.Generator):
        if count <= 0 or batch_size <= 0:
            raise ValueError(f"batches of {batch_size} from {count} items")
        self.count, self.batch_size, self.generator = count, batch_size, generator

    def next(self) -> torch.Tensor:
        return torch.randint(self.count, (self.batch_size,), generator=self.generator)
