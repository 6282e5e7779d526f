"""What every document's parse needs, loaded once by the forkserver that forks the parse children
(`pipelines.limits`) and shared by all of them: the parsers, and Sudachi's dictionary, which each child
would otherwise load again (30 ms each: a second of CPU over fuji_r8's 33 files). Imported only there.

What is loaded here lives as long as the forkserver; `gc.freeze()` keeps the children's garbage
collections from walking it (and so from writing to, thus copying, its pages) again and again."""

import gc

import pipelines.parse_cache  # noqa: F401  (it imports parsers.parse and with it every family)
from parsers.normalize.tokens import load_dictionary

load_dictionary()
gc.freeze()
