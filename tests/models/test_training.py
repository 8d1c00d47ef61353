"""The shared training loop: batches, loss history, held-out curve."""

import pytest
import torch
from torch import nn

from gradekit.models.training import TrainConfig, fit, minibatches


def test_each_epoch_visits_every_row_once():
    data = torch.arange(10).float()[:, None]
    batches = minibatches(data, 4, torch.Generator().manual_seed(0))
    epoch = torch.cat([next(batches) for _ in range(3)])  # 4 + 4 + 2
    assert sorted(epoch.flatten().tolist()) == list(range(10))


def test_fit_lowers_a_least_squares_loss_and_records_every_step():
    torch.manual_seed(0)
    x = torch.randn(256, 3)
    y = x @ torch.tensor([[1.0], [-2.0], [0.5]])
    data = torch.cat([x, y], dim=1)
    model = nn.Linear(3, 1)
    seen = []
    history = fit(model, lambda batch: (model(batch[:, :3]) - batch[:, 3:]).pow(2).mean(), data,
                  TrainConfig(steps=300, batch_size=32, learning_rate=0.05, eval_every=100),
                  test_loss=lambda: (model(x) - y).pow(2).mean().item(), on_step=lambda step, loss: seen.append(step))
    assert len(history.train) == 300 and seen == list(range(1, 301))
    assert history.test_steps == [100, 200, 300]
    assert history.test[-1] < 1e-3 < history.train[0]
    assert not model.training
