"""Code shared by the plan families (Sagamihara, Hachioji, Yokohama DX strategy)."""
