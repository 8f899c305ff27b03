"""The integrations stay optional: importing graphmem (or its command line) loads neither
the MCP SDK nor LangGraph."""

from __future__ import annotations

import subprocess
import sys


def test_import_graphmem_imports_neither_mcp_nor_langgraph() -> None:
    code = (
        "import sys, graphmem, graphmem.cli, graphmem.integrations\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('mcp', 'langgraph'))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == ""


def test_the_integrations_import_their_framework_when_imported() -> None:
    code = (
        "import sys, graphmem.integrations.mcp, graphmem.integrations.langgraph\n"
        "print('mcp' in sys.modules, 'langgraph' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["True", "True"]


def test_graphmem_mcp_without_the_extra_says_which_extra_to_install() -> None:
    code = (
        "import sys\n"
        "sys.modules['mcp'] = None  # as if graphmem[mcp] were not installed\n"
        "from graphmem.cli import main\n"
        "main(['mcp'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout == ""
    assert "pip install 'graphmem[mcp]'" in done.stderr and done.stderr.count("\n") == 1
