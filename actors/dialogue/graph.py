"""The LangGraph wiring of the dialogue: router → crm → read → respond → escalation (DESIGN §7).

Only wiring lives here; each node is a step of `steps.py` bound to the runtime. A
conversation a person has taken over goes from the router straight to escalation, which
produces a silent turn.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from langgraph.graph import END, START, StateGraph

from actors.dialogue import steps
from actors.dialogue.steps import DialogueState


def build_graph(rt: Any, checkpointer: Any) -> Any:
    """Compile the dialogue graph for `rt` with `checkpointer` (thread id = conversation id)."""
    graph = StateGraph(DialogueState)
    graph.add_node("router", partial(steps.router, rt))
    graph.add_node("crm", partial(steps.crm, rt))
    graph.add_node("read", partial(steps.reading, rt))
    graph.add_node("respond", partial(steps.respond, rt))
    graph.add_node("escalation", partial(steps.escalation, rt))
    graph.add_edge(START, "router")
    graph.add_conditional_edges("router", lambda s: "escalation" if s["route"] == "silent" else "crm",
                                ["crm", "escalation"])
    graph.add_edge("crm", "read")
    graph.add_edge("read", "respond")
    graph.add_edge("respond", "escalation")
    graph.add_edge("escalation", END)
    return graph.compile(checkpointer=checkpointer)
