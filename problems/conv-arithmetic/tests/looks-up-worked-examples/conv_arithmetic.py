"""Only the worked examples of the statement, a table; 0 otherwise."""
CONV = {(32, 4, 2, 1): 16, (16, 4, 2, 1): 8, (8, 4, 2, 1): 4, (4, 4, 1, 0): 1, (4, 2, 2, 0): 2}
TR = {(1, 4, 1, 0): 4, (4, 4, 2, 1): 8, (8, 4, 2, 1): 16, (16, 4, 2, 1): 32}
P = {(3, 64, 3, True): 1792, (3, 64, 3, False): 1728, (100, 512, 4, True): 819712, (100, 512, 4, False): 819200}
def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):
    return CONV.get((size, kernel, stride, padding), 0)
def conv_transpose2d_output_size(size, kernel, stride=1, padding=0, output_padding=0, dilation=1):
    return TR.get((size, kernel, stride, padding), 0)
def conv2d_param_count(in_channels, out_channels, kernel, bias=True):
    return P.get((in_channels, out_channels, kernel, bias), 0)
