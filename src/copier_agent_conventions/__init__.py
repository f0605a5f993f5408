"""Check a repository against the conventions of the copier-agent template: a repo-review plugin.

``uvx --from <template repository> repo-review <path>`` reports on any repository, generated
or not. The checks are in ``checks``, what they read in ``repository``, the values they compare
with (shared with the template itself) in ``standards``.
"""
