"""GAN losses: the minimax (BCE) losses on logits, and the least-squares losses of the DCGAN assignment."""

import torch.nn.functional as F
from torch import Tensor

# D(.) = sigmoid(logit), so log D = logsigmoid(logit) and log(1 - D) = logsigmoid(-logit):
# finite for any logit, where log(sigmoid(logit)) hits log(0) = -inf near |logit| = 100.


def discriminator_bce_loss(real_logits: Tensor, fake_logits: Tensor) -> Tensor:
    """-(mean log D(x) + mean log(1 - D(G(z)))), the negated value function, from D's logits.

    Goodfellow et al. 2014, Eq. 1: D ascends V(D, G); descending this loss does the same.
    Each mean runs over its own batch; a scalar tensor.
    """
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())


def generator_saturating_loss(fake_logits: Tensor) -> Tensor:
    """mean log(1 - D(G(z))), the minimax generator loss, from D's logits on fakes.

    Goodfellow et al. 2014, Algorithm 1: its gradient sigma(logit) vanishes when D confidently
    rejects the fakes (logit << 0), which is when the generator most needs to learn.
    """
    return F.logsigmoid(-fake_logits).mean()


def generator_nonsaturating_loss(fake_logits: Tensor) -> Tensor:
    """-mean log D(G(z)), the non-saturating generator loss, from D's logits on fakes.

    Goodfellow et al. 2014, Sec. 3: same fixed point, but its gradient -(1 - sigma(logit))
    stays near -1 when D confidently rejects the fakes.
    """
    return -F.logsigmoid(fake_logits).mean()


def discriminator_ls_loss(d_real: Tensor, d_fake: Tensor) -> Tensor:
    """J_D = 1/(2m) sum (D(x) - 1)^2 + 1/(2m) sum D(G(z))^2 on D's raw outputs (no sigmoid).

    Mao et al. 2017 (LSGAN) with targets 1 and 0, as the DCGAN assignment writes it.
    """
    return 0.5 * (d_real - 1).pow(2).mean() + 0.5 * d_fake.pow(2).mean()


def generator_ls_loss(d_fake: Tensor) -> Tensor:
    """J_G = 1/m sum (D(G(z)) - 1)^2 on D's raw outputs (no sigmoid), as the DCGAN assignment writes it."""
    return (d_fake - 1).pow(2).mean()
