"""wrong: sigma forgotten: z = mu + eps, with logvar kept in the graph (0 * logvar)"""
def reparameterize(mu, logvar, eps):
    return mu + eps + 0 * logvar
