"""graphmem inside agent frameworks, each behind its own extra:

- ``graphmem.integrations.mcp``: the ``graphmem mcp`` server (``pip install 'graphmem[mcp]'``);
- ``graphmem.integrations.langgraph``: ``GraphMemStore``, a LangGraph ``BaseStore``
  (``pip install 'graphmem[langgraph]'``).

Nothing here is imported by ``import graphmem``: each module imports its framework only
when it is imported itself.
"""
