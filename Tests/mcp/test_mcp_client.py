"""End-to-end test of `tabletalk mcp` with the official Python MCP client (PyPI `mcp`), a client written by others.

Spawns the already-built debug binary (.build/debug/tabletalk; scripts/test.sh builds it first) through the client's
`mcp.Client` over `stdio_client`, twice: once with the client's defaults, which negotiate its latest revision
(2026-07-28: `server/discover`, the per-request `_meta` envelope, `subscriptions/listen`), and once pinned to the
`initialize` handshake (2025-11-25). Each run: negotiate, list tools, import a fixture CSV (with progress), see the
resource list change, ask a question and check the numbers, run SQL, try a write (isError), read a table resource,
see the question in history, cancel a long query and check the broker stopped it. Under CI=true a missing binary or
`mcp` package fails, never skips.
"""
import json
import os
import pathlib
import re
import shutil
import time

import anyio
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "tabletalk"
FIXTURES = ROOT / "Tests" / "TableTalkRulesTests" / "Fixtures" / "csv"
CI = os.environ.get("CI", "").lower() == "true"

try:
    from mcp import Client, StdioServerParameters
    from mcp.client.stdio import stdio_client
    from mcp.client.subscriptions import ResourcesListChanged
    from mcp.shared.exceptions import MCPError
    from mcp_types.version import LATEST_PROTOCOL_VERSION
except ImportError:  # reported by require() below (mcp 1.x has no Client, no 2026-07-28)
    Client = None

MODERN = "2026-07-28"
HANDSHAKE = "2025-11-25"


def require(condition, reason):
    if condition:
        return
    if CI:
        pytest.fail(f"{reason} (CI=true: this test must run)")
    pytest.skip(reason)


# A recursive CTE that would count for far longer than the test waits (the guard's time limit is 10 s).
LONG_SQL = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) "
            "SELECT count(*) FROM c")


def structured(result):
    assert result.structured_content is not None, result
    return result.structured_content


def text_of(result):
    return "\n".join(c.text for c in result.content if getattr(c, "type", "") == "text")


def client_run(tmp_path, body, **client_options):
    """Starts `tabletalk mcp` in tmp_path (data dir inside it), connects `mcp.Client` with `client_options` and runs
    `body(client, notifications, stderr_path)`."""
    require(Client is not None, "the mcp package (2.x, with mcp.Client) is not installed (pip install mcp)")
    require(BINARY.exists(), f"{BINARY} is missing; run swift build first")
    data = tmp_path / "data"
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(FIXTURES / "shop.csv", work / "shop.csv")
    stderr_path = tmp_path / "stderr.log"
    params = StdioServerParameters(
        command=str(BINARY), args=["mcp", "--data-dir", str(data)], cwd=str(work),
        env={"TABLETALK_IMPORT_DIRS": str(FIXTURES)})
    notifications = []

    async def on_message(message):
        if not isinstance(message, Exception):
            notifications.append(message)

    async def run():
        with open(stderr_path, "w") as errlog:
            async with Client(stdio_client(params, errlog=errlog), message_handler=on_message, **client_options) as client:
                await body(client, notifications, stderr_path)

    anyio.run(run)


def test_mcp_latest_revision_end_to_end(tmp_path):
    """The client's defaults: it probes `server/discover` and speaks its latest revision, 2026-07-28."""

    async def body(client, notifications, stderr_path):
        assert LATEST_PROTOCOL_VERSION == MODERN, "the installed client's latest revision moved on"
        assert client.protocol_version == MODERN
        assert client.session.discover_result is not None and client.session.initialize_result is None
        assert MODERN in client.session.discover_result.supported_versions
        assert HANDSHAKE in client.session.discover_result.supported_versions
        # A revision the server does not serve: -32022 naming the served ones.
        with pytest.raises(MCPError) as unsupported:
            await client.session.send_discover("2099-01-01")
        assert unsupported.value.error.code == -32022
        assert MODERN in unsupported.value.error.data["supported"]
        assert unsupported.value.error.data["requested"] == "2099-01-01"

        # List changes come only on a subscriptions/listen stream that asked for them.
        async with client.listen(resources_list_changed=True) as changes:
            assert changes.honored.resources_list_changed

            async def table_list_changed():
                with anyio.fail_after(5):
                    assert isinstance(await changes.__anext__(), ResourcesListChanged)

            await exercise(client, table_list_changed, stderr_path)
        # Every list change rode the stream: it carries the stream's id (never sent unsolicited).
        changed = [n for n in notifications if getattr(n, "method", "") == "notifications/resources/list_changed"]
        assert changed
        for note in changed:
            meta = note.params.meta if note.params is not None else None
            assert meta is not None and meta.get("io.modelcontextprotocol/subscriptionId") == changes.subscription_id

    client_run(tmp_path, body)


def test_mcp_handshake_revision_end_to_end(tmp_path):
    """A client pinned to the `initialize` handshake gets 2025-11-25 and the same tools and resources."""

    async def body(client, notifications, stderr_path):
        assert client.protocol_version == HANDSHAKE
        assert client.session.initialize_result is not None and client.session.discover_result is None

        async def table_list_changed():
            with anyio.fail_after(5):
                while not any(getattr(n, "method", "") == "notifications/resources/list_changed" for n in notifications):
                    await anyio.sleep(0.02)

        await exercise(client, table_list_changed, stderr_path)

    client_run(tmp_path, body, mode="legacy")


async def exercise(client, table_list_changed, stderr_path):
    """What both revisions must do the same way; `table_list_changed` waits for the revision's list-change signal."""
    assert client.server_info is not None and client.server_info.name == "tabletalk"
    assert client.server_capabilities.tools is not None
    assert client.server_capabilities.resources is not None and client.server_capabilities.resources.list_changed

    tools = {t.name: t for t in (await client.list_tools()).tools}
    assert set(tools) == {"list_tables", "describe_table", "import_csv", "ask", "run_sql", "history"}
    for tool in tools.values():
        assert tool.input_schema["type"] == "object" and tool.output_schema is not None, tool.name
    assert tools["ask"].input_schema["required"] == ["question"]

    # Import with a progress token: progress notifications arrive, growing, ending at 100.
    progress = []

    async def on_progress(value, total, message):
        progress.append((value, total, message))

    imported = await client.call_tool(
        "import_csv", {"path": str(FIXTURES / "shop.csv"), "table": "shop"}, progress_callback=on_progress)
    assert not imported.is_error, text_of(imported)
    table = structured(imported)["table"]
    assert table["name"] == "shop" and table["rowCount"] == 12
    assert [c["name"] for c in table["columns"]][:3] == ["date", "region", "product"]
    assert progress and progress[-1][0] == 100 and progress[-1][1] == 100
    assert [p[0] for p in progress] == sorted(p[0] for p in progress)
    await table_list_changed()

    # Outside the import directories: a tool failure in plain words, not a protocol error.
    denied = await client.call_tool("import_csv", {"path": "/etc/passwd"})
    assert denied.is_error and "outside the import directories" in text_of(denied)

    listed = structured(await client.call_tool("list_tables", {}))
    assert [t["name"] for t in listed["tables"]] == ["shop"]
    described = await client.call_tool("describe_table", {"table": "shop"})
    assert structured(described)["rowCount"] == 12 and "| region |" in text_of(described).replace("|region|", "| region |")
    missing = await client.call_tool("describe_table", {"table": "nope"})
    assert missing.is_error and "nope" in text_of(missing)

    # A question: interpretation, SQL, the right numbers, a chart, and a markdown table in the text.
    asked = await client.call_tool("ask", {"question": "total amount by region"})
    assert not asked.is_error, text_of(asked)
    answer = structured(asked)
    assert answer["kind"] == "answer" and "SELECT" in answer["sql"].upper()
    assert answer["interpretation"]
    totals = {row[0]: row[1] for row in answer["rows"]}
    assert totals == {"North": 3260, "South": 3350, "West": 1720, "East": 1500}
    assert answer["chart"]["kind"] == "bar"
    assert "| North |" in text_of(asked) or "| North | 3260 |" in text_of(asked)

    # An unclear question: a clarification with suggestions, not an error.
    unclear = await client.call_tool("ask", {"question": "zorblax quux"})
    assert not unclear.is_error, text_of(unclear)
    assert structured(unclear)["kind"] == "clarification" and structured(unclear)["suggestions"]

    # A relative path resolves in the working directory (allowed, like `tabletalk stdio`).
    again = await client.call_tool("import_csv", {"path": "shop.csv", "table": "shop_copy"})
    assert not again.is_error and structured(again)["table"]["rowCount"] == 12

    # SQL, with a row cap and paging.
    page1 = await client.call_tool("run_sql", {"sql": "SELECT customer FROM shop ORDER BY customer", "maxRows": 5})
    p1 = structured(page1)
    assert [r[0] for r in p1["rows"]] == ["Anderson", "Baker", "Carlson", "Dawson", "Ellis"]
    assert p1["truncated"] and p1["nextPageToken"]
    page2 = structured(await client.call_tool(
        "run_sql", {"sql": "SELECT customer FROM shop ORDER BY customer", "maxRows": 5, "pageToken": p1["nextPageToken"]}))
    assert [r[0] for r in page2["rows"]] == ["Fischer", "Garrison", "Hudson", "Irving", "Jackson"]
    summed = structured(await client.call_tool("run_sql", {"sql": "SELECT SUM(amount) FROM shop"}))
    assert summed["rows"] == [[9830]]

    # Writes are refused by the guard: isError with the reason, and the table is unchanged.
    for write in ["DELETE FROM shop", "DROP TABLE shop", "UPDATE shop SET amount = 0"]:
        refused = await client.call_tool("run_sql", {"sql": write})
        assert refused.is_error, write
        assert text_of(refused).strip(), write
    assert structured(await client.call_tool("run_sql", {"sql": "SELECT COUNT(*) FROM shop"}))["rows"] == [[12]]

    # Bad params are JSON-RPC errors, not tool results.
    with pytest.raises(MCPError) as bad:
        await client.call_tool("run_sql", {"sql": 42})
    assert bad.value.error.code == -32602
    with pytest.raises(MCPError) as unknown:
        await client.call_tool("no_such_tool", {})
    assert unknown.value.error.code == -32602

    # Resources: one per table, readable as JSON.
    resources = (await client.list_resources()).resources
    assert sorted(str(r.uri) for r in resources) == ["tabletalk://tables/shop", "tabletalk://tables/shop_copy"]
    read = await client.read_resource("tabletalk://tables/shop")
    schema = json.loads(read.contents[0].text)
    assert schema["name"] == "shop" and schema["rowCount"] == 12
    assert {c["name"]: c["type"] for c in schema["columns"]}["amount"] == "INTEGER"
    with pytest.raises(MCPError):
        await client.read_resource("tabletalk://tables/nope")

    # The question asked over MCP is in the history (the same store the browser reads).
    hist = structured(await client.call_tool("history", {"limit": 10}))
    assert "total amount by region" in [q["question"] for q in hist["questions"]]

    # Cancelling a long query reaches the broker: the query stops long before the guard's 10 s limit.
    started = time.monotonic()
    with anyio.move_on_after(0.7) as scope:
        await client.call_tool("run_sql", {"sql": LONG_SQL})
    assert scope.cancelled_caught
    # The operator log (stderr) records the cancelled query.run with its duration once the broker ended it.
    line = None
    with anyio.fail_after(5):
        while line is None:
            for entry in stderr_path.read_text().splitlines():
                if "request.failed" in entry and "query.run" in entry and "-32800" in entry:
                    line = entry
            await anyio.sleep(0.05)
    duration = float(re.search(r"durationMs[=\":]+([0-9.]+)", line).group(1))
    assert duration < 3000, line
    assert time.monotonic() - started < 5
    # The server keeps answering.
    quick = structured(await client.call_tool("run_sql", {"sql": "SELECT 1"}))
    assert quick["rows"] == [[1]]
