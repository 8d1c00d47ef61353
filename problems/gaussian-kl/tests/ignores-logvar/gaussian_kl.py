"""Wrong on purpose: 1/2 sum mu^2, log sigma^2 ignored (kept in the graph as 0 * logvar)."""
def gaussian_kl(mu, logvar):
    return 0.5 * (mu ** 2).sum(-1) + 0 * logvar.sum(-1)
