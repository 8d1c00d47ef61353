"""A sound design other than the reference's: the noise scaled first, out of place, method calls only."""


def reparameterize(mu, logvar, eps):
    std = logvar.mul(0.5).exp()  # out of place: logvar is untouched
    return eps.mul(std).add(mu)
