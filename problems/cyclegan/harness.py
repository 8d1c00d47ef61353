"""Runs in the sandbox beside the student's ``cyclegan.py``: builds, trains and queries their CycleGAN.

Every function returns plain data (tensors, arrays, numbers) and no verdict:
the grader computes the metrics outside the sandbox. ``gradekit`` is not
visible here; the training plumbing comes from ``gradekit_support``. The
training step composes the student's losses exactly as the statement says.
"""

import itertools

import gradekit_support as support
import torch

import cyclegan as submission  # the worker has already imported the student's module

_RUNS = support.RunCache()  # the generators ``train`` fitted last


def _generator(channels, seed):
    return support.build(submission.ResnetGenerator, seed, channels=channels)  # eval mode


def _discriminator(channels, seed):
    return support.build(submission.PatchDiscriminator, seed, channels=channels)


def _answers(build, channels, seed, x):
    """An untrained model's output for x as it is, asked twice, and that of a model built from seed + 1."""
    model, other = build(channels, seed), build(channels, seed + 1)
    with torch.no_grad():
        return {"output": model(x), "again": model(x), "other_seed": other(x)}


def generator_output(channels, seed, x):
    """An untrained ResnetGenerator(channels)(x) (twice), and another seed's."""
    return _answers(_generator, channels, seed, x)


def discriminator_output(channels, seed, x):
    """An untrained PatchDiscriminator(channels)(x) (twice), and another seed's."""
    return _answers(_discriminator, channels, seed, x)


def pool_run(size, seed, batches):
    """What ImagePool(size, generator seeded with ``seed``).query returns for each batch in turn."""
    pool = submission.ImagePool(size, generator=torch.Generator().manual_seed(seed))
    return [pool.query(torch.as_tensor(batch, dtype=torch.float32)) for batch in batches]


def train(*, images_a, images_b, steps, batch_size, learning_rate, adam_betas, lam, pool_size, seed,
          runaway_seconds):
    """Fit G_AB, G_BA, D_A, D_B to unpaired ``images_a`` and ``images_b`` (N, C, H, W) in [−1, 1].

    Each step: the generators descend generator_ls_loss(D_B(G_AB(a))) + generator_ls_loss(D_A(G_BA(b)))
    + cycle_consistency_loss(a, G_BA(G_AB(a)), b, G_AB(G_BA(b)), lam) + identity_loss(a, G_BA(a), b,
    G_AB(b), lam); then the discriminators descend discriminator_ls_loss(D_A(a), D_A(pool_A.query(G_BA(b))))
    + discriminator_ls_loss(D_B(b), D_B(pool_B.query(G_AB(a)))). Batches are drawn here, independently in
    each domain. Exactly ``steps`` steps unless the runaway guard stops it; returns the losses of every step.
    """
    request = dict(images_a=images_a, images_b=images_b, steps=steps, batch_size=batch_size,
                   learning_rate=learning_rate, adam_betas=adam_betas, lam=lam, pool_size=pool_size, seed=seed)
    return _RUNS.get("cyclegan", request, lambda: _fit(**request, runaway_seconds=runaway_seconds))["result"]


def _fit(images_a, images_b, steps, batch_size, learning_rate, adam_betas, lam, pool_size, seed, runaway_seconds):
    support.single_thread()
    a_data = torch.as_tensor(images_a, dtype=torch.float32)
    b_data = torch.as_tensor(images_b, dtype=torch.float32)
    channels = a_data.shape[1]
    g_ab, g_ba = _generator(channels, seed), _generator(channels, seed + 1)
    d_a, d_b = _discriminator(channels, seed + 2), _discriminator(channels, seed + 3)
    betas = tuple(adam_betas)
    g_optimizer = torch.optim.Adam(itertools.chain(g_ab.parameters(), g_ba.parameters()), lr=learning_rate,
                                   betas=betas)
    d_optimizer = torch.optim.Adam(itertools.chain(d_a.parameters(), d_b.parameters()), lr=learning_rate,
                                   betas=betas)
    pool_a = submission.ImagePool(pool_size, generator=torch.Generator().manual_seed(seed + 1))
    pool_b = submission.ImagePool(pool_size, generator=torch.Generator().manual_seed(seed + 2))
    draws = torch.Generator().manual_seed(seed)
    batches_a = support.RandomBatches(len(a_data), batch_size, draws)
    batches_b = support.RandomBatches(len(b_data), batch_size, draws)
    for net in (g_ab, g_ba, d_a, d_b):
        net.train()

    def step(_):
        a, b = a_data[batches_a.next()], b_data[batches_b.next()]
        fake_b, fake_a = g_ab(a), g_ba(b)
        g_loss = (submission.generator_ls_loss(d_b(fake_b)) + submission.generator_ls_loss(d_a(fake_a))
                  + submission.cycle_consistency_loss(a, g_ba(fake_b), b, g_ab(fake_a), lam)
                  + submission.identity_loss(a, g_ba(a), b, g_ab(b), lam))
        g_optimizer.zero_grad()
        g_loss.backward()
        g_optimizer.step()
        d_loss = (submission.discriminator_ls_loss(d_a(a), d_a(pool_a.query(fake_a.detach())))
                  + submission.discriminator_ls_loss(d_b(b), d_b(pool_b.query(fake_b.detach()))))
        d_optimizer.zero_grad()
        d_loss.backward()
        d_optimizer.step()
        return {"generator": g_loss.detach(), "discriminator": d_loss.detach()}

    result = support.fixed_steps(step, steps, runaway_seconds)
    return {"g_ab": g_ab.eval(), "g_ba": g_ba.eval(), "result": result}


def trained_translations(images_a, images_b):
    """G_AB(a), G_BA(b) and the cycles G_BA(G_AB(a)), G_AB(G_BA(b)) of the trained generators."""
    run = _RUNS.latest("cyclegan")
    g_ab, g_ba = run["g_ab"], run["g_ba"]
    a = torch.as_tensor(images_a, dtype=torch.float32)
    b = torch.as_tensor(images_b, dtype=torch.float32)
    with torch.no_grad():
        a_to_b, b_to_a = g_ab(a), g_ba(b)
        return {"a_to_b": a_to_b, "b_to_a": b_to_a, "a_cycled": g_ba(a_to_b), "b_cycled": g_ab(b_to_a)}
