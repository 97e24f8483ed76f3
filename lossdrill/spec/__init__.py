"""The spec floor: YAML exercise specs → validated, immutable Exercise objects; packs (the
catalogue of a folder of specs and references), the cache of validated specs, starter files,
the skeleton of a new exercise.

May import: the standard library, the bottom modules (errors, escape, i18n, safefile) and, to
load a spec on a cache miss, PyYAML and pydantic. Never the sandbox or any floor above.
"""
