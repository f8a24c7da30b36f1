"""One module per printed document; each has a ``…Data`` input and ``render(data, paper=…) -> bytes``."""
