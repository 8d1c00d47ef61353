"""Public checks: z = mu + exp(logvar / 2) * eps, and the gradients that make the trick work.

A law that a degenerate function (returning mu, eps, zeros...) satisfies carries an anchor in the same
check: a gradient must be there *and* not vanish; the inputs must stay unchanged *and* z be right.
"""

import numpy as np
from hypothesis import example, given

from gradekit.grading.api import CheckFailed, check, expect_close, expect_tensor, expect_true, show, tensor

from .strategies import gaussian_inputs, inputs_with_cotangent

# Each property check also runs an explicit @example where every wrong convention shows, so a
# verdict never hangs on what the search happens to draw.
EXAMPLE_INPUTS = tuple(np.array(v, dtype=np.float32) for v in ([1.0, -2.0], [2.0, -1.0], [0.5, 1.5]))
EXAMPLE_COTANGENT = np.array([1.0, -0.5], dtype=np.float32)


def sample(student, mu: np.ndarray, logvar: np.ndarray, eps: np.ndarray, what: str) -> np.ndarray:
    """The student's z, checked to be a float tensor of mu's shape."""
    z = student.reparameterize(tensor(mu), tensor(logvar), tensor(eps))
    return expect_tensor(z, what, shape=mu.shape).array.astype(np.float64)


def gradients(student, mu, logvar, eps, cotangent) -> tuple:
    """The gradients of sum(cotangent * z) that reached mu and logvar (None where none did)."""
    z, (grad_mu, grad_logvar) = student.vjp(
        "reparameterize", tensor(mu, requires_grad=True), tensor(logvar, requires_grad=True), tensor(eps),
        wrt=(0, 1), cotangent=tensor(cotangent))
    expect_tensor(z, "reparameterize(mu, logvar, eps)", shape=mu.shape)
    return grad_mu, grad_logvar


def expect_gradient(grad, shape: tuple, what: str) -> np.ndarray:
    if grad is None:
        raise CheckFailed(f"no gradient reached {what}: is it detached, or computed outside torch?")
    return expect_tensor(grad, f"the gradient of {what}", shape=shape).array.astype(np.float64)


def random_inputs(shape: tuple, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    mu, logvar, eps = rng.standard_normal((3, *shape)).astype(np.float32)
    return mu, logvar, eps


@check(points=0, precondition=True)
def keeps_the_shape_of_mu(student):
    """z is a float tensor of the same shape as mu"""
    for seed, shape in enumerate([(4,), (3, 5), (2, 3, 4)]):
        mu, logvar, eps = random_inputs(shape, seed)
        sample(student, mu, logvar, eps, f"reparameterize of inputs of shape {shape}")


@check(points=1)
def standard_parameters_give_back_eps(student):
    """With mu = 0 and logvar = 0 (sigma = 1), z is eps itself; with logvar = 0 and any mu, z = mu + eps;
    a log-variance above 0 (sigma > 1) puts z further from mu"""
    mu, _, eps = random_inputs((3, 4), seed=7)
    zeros = np.zeros_like(eps)
    z = sample(student, zeros, zeros, eps, "reparameterize(0, 0, eps)")
    expect_close(z, eps, "reparameterize(0, 0, eps)", rtol=1e-6, atol=1e-7)
    # the anchor: a function handing back eps whatever mu is fails here (sigma is the next check's)
    z = sample(student, mu, zeros, eps, "reparameterize(mu, 0, eps)")
    expect_close(z, mu + eps.astype(np.float64), "reparameterize(mu, 0, eps)", rtol=1e-5, atol=1e-6)
    # ... and z = mu + eps whatever logvar (sigma forgotten) fails here: logvar = 1 widens every step from mu
    wider = sample(student, mu, np.ones_like(mu), eps, "reparameterize(mu, 1, eps)")
    expect_true(bool(np.all(np.abs(wider - mu) > np.abs(eps) * (1 + 1e-3))),
                f"reparameterize(mu, 1, eps) - mu = {show(wider - mu)}, while eps = {show(eps)}: with logvar = 1 "
                f"(sigma > 1) each z should be further from mu than eps is from 0")


@check(points=2)
@given(inputs=gaussian_inputs())
@example(inputs=EXAMPLE_INPUTS)
def sigma_is_exp_of_half_logvar(student, inputs):
    """z = mu + sigma * eps with sigma = exp(logvar / 2), the noise being the eps passed in"""
    mu, logvar, eps = inputs
    z = sample(student, mu, logvar, eps, "reparameterize(mu, logvar, eps)")
    expected = mu + np.exp(0.5 * logvar.astype(np.float64)) * eps
    expect_close(z, expected, "reparameterize(mu, logvar, eps)", rtol=1e-5, atol=1e-5)


@check(points=2)
def gradients_reach_mu_and_logvar(student):
    """Back-propagating through z gives mu and logvar a gradient, and not a vanishing one"""
    mu, logvar, eps = random_inputs((3, 4), seed=11)
    logvar = np.abs(logvar) + 0.1  # positive: a wrong sigma still has finite gradients; this check asks only that they flow
    grad_mu, grad_logvar = gradients(student, mu, logvar, eps, np.ones_like(mu))
    for name, grad in (("mu", expect_gradient(grad_mu, mu.shape, "mu")),
                       ("logvar", expect_gradient(grad_logvar, logvar.shape, "logvar"))):
        # the anchor: z = 0 * (mu + logvar) is connected to both and teaches nothing
        expect_true(bool(np.all(np.isfinite(grad)) and np.any(grad != 0)),
                    f"the gradient of {name} is {show(grad)}: z must depend on {name}")


@check(points=2)
@given(inputs=inputs_with_cotangent())
@example(inputs=(*EXAMPLE_INPUTS, EXAMPLE_COTANGENT))
def gradients_match_the_analytic_ones(student, inputs):
    """dz/dmu = 1 and dz/dlogvar = sigma * eps / 2"""
    mu, logvar, eps, cotangent = inputs
    grad_mu, grad_logvar = gradients(student, mu, logvar, eps, cotangent)
    expect_close(expect_gradient(grad_mu, mu.shape, "mu"), cotangent,
                 "the gradient of mu", rtol=1e-5, atol=1e-6)
    sigma = np.exp(0.5 * logvar.astype(np.float64))
    expect_close(expect_gradient(grad_logvar, logvar.shape, "logvar"), cotangent * 0.5 * sigma * eps,
                 "the gradient of logvar", rtol=1e-5, atol=1e-5)


@check(points=1)
def leaves_its_inputs_unchanged(student):
    """mu, logvar and eps are not modified in place, while z still follows mu"""
    mu, logvar, eps = random_inputs((3, 4), seed=13)
    logvar = np.abs(logvar) + 0.1  # positive: a wrong sigma still gives finite values, so only this law decides
    sent = (mu, logvar, eps)
    z, z_shifted, *after = student.harness("harness:inputs_after_call", *(tensor(a) for a in sent))
    z = expect_tensor(z, "reparameterize(mu, logvar, eps)", shape=mu.shape).array.astype(np.float64)
    z_shifted = expect_tensor(z_shifted, "reparameterize(mu + 1, logvar, eps)", shape=mu.shape).array
    # the anchor: a function that leaves its inputs alone because it ignores them does not pass
    expect_true(bool(np.all(np.isfinite(z)) and np.all(z != mu)),
                f"reparameterize(mu, logvar, eps) = {show(z)} is mu itself, or not finite: the noise must act")
    expect_close(z_shifted - z, np.ones_like(z), "reparameterize(mu + 1, logvar, eps) - reparameterize(mu, logvar, eps)",
                 rtol=0, atol=1e-5)
    # ... and z = mu + eps (sigma forgotten) fails too: another logvar gives another z
    wider = sample(student, mu, logvar + 1, eps, "reparameterize(mu, logvar + 1, eps)")
    expect_true(bool(np.any(wider != z)), f"reparameterize(mu, logvar + 1, eps) = {show(wider)} is "
                                          f"reparameterize(mu, logvar, eps): z must depend on logvar")
    for name, before, now in zip(("mu", "logvar", "eps"), sent, after):
        now = expect_tensor(now, f"{name} after the call", shape=before.shape).array
        if not np.array_equal(now, before):
            raise CheckFailed(f"reparameterize changed {name} in place: it became {show(now)}",
                              detail=f"it was {show(before)}")
