"""What every document's parse needs, loaded once by the forkserver that forks the parse children
(`pipelines.limits`) and shared by all of them: the parsers, and Sudachi's dictionary, which each child
would otherwise load again (30 ms each: a second of CPU over fuji_r8's 33 files). Imported only there."""

import pipelines.parse_cache  # noqa: F401  (it imports parsers.parse and with it every family)
from parsers.normalize.tokens import load_dictionary

load_dictionary()
