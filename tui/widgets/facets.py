"""Facet panes: actors (a searchable pick list) and locations (a tree).

Both show counts under the current filter WITHOUT their own dimension (the
actors pane ignores the actor filter, the locations pane the town filter),
so picking one actor does not hide the others you may want to add. They
get their facets from the app (queried in thread workers) and post
``Picked`` messages; they never query the store themselves.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Tree
from textual.widgets.option_list import Option

from store.text.arabic import normalize
from store.db.query import Facet
from tui.shaping import fit
from tui.widgets.common import display_name


class ActorList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Pick", id="actors.pick"),
    ]


class ActorsPane(Vertical):
    """Every actor with its event count; enter/space/click picks one or several.

    The list shows the `MAX_SHOWN` actors with the most events (and every
    picked one); the search box finds among all of them."""

    MAX_SHOWN: ClassVar[int] = 120

    class Picked(Message):
        def __init__(self, actor_ids: frozenset[str]) -> None:
            super().__init__()
            self.actor_ids = actor_ids

    def __init__(self, *, id: str | None = None, shaping: bool = True, name_mode: str = "both") -> None:
        super().__init__(id=id)
        self.shaping = shaping
        self.name_mode = name_mode
        self.facets: list[Facet] = []
        self.picked: set[str] = set()
        self.border_title = "Actors"
        self._shown_key: tuple | None = None  # what the list shows now
        self._shown_facets: list[Facet] | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search actors…", id="actor-search", compact=True)
        yield ActorList(id="actor-list")

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#actor-list", OptionList)

    def set_facets(self, facets: list[Facet], picked: set[str] | None = None) -> None:
        self.facets = facets
        if picked is not None:
            self.picked = set(picked)
        self.rebuild()

    def clear_picks(self) -> None:
        self.picked.clear()
        self.rebuild()

    def _label(self, f: Facet, width: int) -> Text:
        """Two lines: "□ 12 name", then the kind, dimmed."""
        picked = f.id in self.picked
        mark = "▣ " if picked else "□ "
        count = f"{f.count} "
        room = max(4, width - len(mark) - len(count))
        text = Text(mark, style="bold" if picked else "")
        text.append(count, style="bold")
        text.append(fit(display_name(f.name_en, f.name_ar, self.name_mode, f.id), room, self.shaping),
                    style="bold" if picked else "")
        text.append("\n" + " " * len(mark) + fit(f.kind or "", max(1, width - len(mark)), False), style="dim")
        return text

    def visible_facets(self) -> list[Facet]:
        query = normalize(self.query_one("#actor-search", Input).value).strip().lower()
        facets = list(self.facets)
        known = {f.id for f in facets}
        # picked actors stay listed even when the filter leaves them no events
        facets += [Facet(i, i, "", "", 0) for i in sorted(self.picked - known)]
        if query:
            facets = [f for f in facets
                      if query in normalize(f.name_en or "").lower() or query in normalize(f.name_ar or "")
                      or query in f.id.lower()]
        return facets

    def rebuild(self) -> None:
        if not self.is_mounted:
            return
        ol = self.option_list
        width = max(20, (ol.scrollable_content_region.width or self.size.width) - 2)
        query = self.query_one("#actor-search", Input).value
        key = (frozenset(self.picked), width, query, self.name_mode, self.shaping)
        if key == self._shown_key and self._shown_facets is self.facets:
            return  # the same facets, picks and display: nothing to redraw
        self._shown_key, self._shown_facets = key, self.facets
        highlighted = ol.highlighted_option.id if ol.highlighted_option is not None else None
        ol.clear_options()
        facets = self.visible_facets()
        more = 0
        if len(facets) > self.MAX_SHOWN:
            shown = facets[:self.MAX_SHOWN]
            shown += [f for f in facets[self.MAX_SHOWN:] if f.id in self.picked]
            more = len(facets) - len(shown)
            facets = shown
        options = [Option(self._label(f, width), id=f.id) for f in facets]
        if more:
            options.append(Option(Text(f"… {more} more: type in the search box", style="dim italic"),
                                  id=None, disabled=True))
        ol.add_options(options)
        if highlighted is not None:
            try:
                ol.highlighted = ol.get_option_index(highlighted)
            except Exception:
                pass
        self.border_subtitle = f"{len(self.facets)} actors" + (f" · {len(self.picked)} picked" if self.picked else "")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "actor-search":
            event.stop()
            self.rebuild()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "actor-search":
            event.stop()
            self.option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        actor_id = event.option.id
        if actor_id is None:
            return
        if actor_id in self.picked:
            self.picked.discard(actor_id)
        else:
            self.picked.add(actor_id)
        self.rebuild()
        self.post_message(self.Picked(frozenset(self.picked)))

    def on_resize(self, event: events.Resize) -> None:
        self.rebuild()


class PlaceTree(Tree[str]):
    """The locations tree: enter or a click picks a place, space opens it."""


class PlacesPane(Vertical):
    """Places with counts as a tree: country → governorate → town → ...
    Enter (or a click) on a place filters by it, again clears it; space opens a branch.

    The tree is built lazily: a closed branch gets its children when it is
    first opened, so thousands of places cost only the nodes on show."""

    class Picked(Message):
        def __init__(self, place_id: str | None) -> None:
            super().__init__()
            self.place_id = place_id

    KIND_ORDER = {"country": 0, "governorate": 1, "district": 2, "town": 3, "city": 3}

    def __init__(self, *, id: str | None = None, shaping: bool = True, name_mode: str = "both") -> None:
        super().__init__(id=id)
        self.shaping = shaping
        self.name_mode = name_mode
        self.facets: list[Facet] = []
        self.selected: set[str] = set()
        self.border_title = "Locations"
        self._children: dict[str | None, list[Facet]] = {}
        self._width = 16
        self._shown_key: tuple | None = None
        self._shown_facets: list[Facet] | None = None

    def compose(self) -> ComposeResult:
        tree: PlaceTree = PlaceTree("Places", id="place-tree")
        tree.show_root = False
        tree.auto_expand = False
        yield tree

    @property
    def place_tree(self) -> PlaceTree:
        return self.query_one("#place-tree", PlaceTree)

    def set_facets(self, facets: list[Facet], selected: set[str]) -> None:
        self.facets = facets
        self.selected = set(selected)
        self.rebuild()

    def _label(self, f: Facet, width: int) -> Text:
        sel = f.id in self.selected
        text = Text("● " if sel else "", style="bold")
        count = f" {f.count}"
        text.append(fit(display_name(f.name_en, f.name_ar, self.name_mode, f.id), max(6, width - len(count) - 2),
                        self.shaping), style="bold reverse" if sel else "")
        text.append(count, style="dim")
        return text

    def rebuild(self) -> None:
        if not self.is_mounted:
            return
        tree = self.place_tree
        width = max(16, (self.size.width or 30) - 8)
        key = (frozenset(self.selected), width, self.name_mode, self.shaping)
        if key == self._shown_key and self._shown_facets is self.facets:
            return  # the same places, selection and display: nothing to redraw
        self._shown_key, self._shown_facets = key, self.facets
        self._width = width
        cursor_id = tree.cursor_node.data if tree.cursor_node is not None else None
        expanded = {n.data for n in self._walk(tree.root) if n.is_expanded and n.data}
        tree.clear()
        by_id = {f.id: f for f in self.facets}
        children: dict[str | None, list[Facet]] = {}
        for f in self.facets:
            parent = f.parent if f.parent in by_id and f.parent != f.id else None
            children.setdefault(parent, []).append(f)
        for lst in children.values():
            lst.sort(key=lambda f: (-f.count, f.name_en or f.id))
        self._children = children
        # ancestors of the selected places are opened so the selection shows
        wanted_open = set(expanded)
        for sid in self.selected:
            p = by_id.get(sid)
            seen = set()
            while p is not None and p.parent in by_id and p.parent not in seen:
                seen.add(p.parent)
                wanted_open.add(p.parent)
                p = by_id.get(p.parent)
        small = len(self.facets) <= 40
        cursor_node = None

        def add(node, parent_id, depth):
            nonlocal cursor_node
            for f in children.get(parent_id, []):
                kids = children.get(f.id)
                if kids:
                    opened = f.id in wanted_open or depth == 0 or small
                    child = node.add(self._label(f, width - 2 * depth), data=f.id, expand=opened)
                    if opened:  # closed branches get their children when opened
                        add(child, f.id, depth + 1)
                else:
                    child = node.add_leaf(self._label(f, width - 2 * depth), data=f.id)
                if f.id == cursor_id or (cursor_node is None and f.id in self.selected):
                    cursor_node = child

        add(tree.root, None, 0)
        if cursor_node is not None:
            self.call_after_refresh(self._move_cursor, cursor_node)
        self.border_subtitle = f"{len(self.facets)} places"

    def _move_cursor(self, node) -> None:
        try:
            self.place_tree.move_cursor(node)
        except Exception:
            pass

    @staticmethod
    def _walk(node):
        yield node
        for child in node.children:
            yield from PlacesPane._walk(child)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        """A closed branch opened for the first time: add its children."""
        node = event.node
        if node.children or not node.data:
            return
        depth = 0
        parent = node.parent
        while parent is not None and parent.parent is not None:
            depth += 1
            parent = parent.parent
        for f in self._children.get(node.data, []):
            label = self._label(f, self._width - 2 * (depth + 1))
            if self._children.get(f.id):
                node.add(label, data=f.id, expand=False)
            else:
                node.add_leaf(label, data=f.id)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        place_id = event.node.data
        if place_id:
            self.post_message(self.Picked(place_id))

    def on_resize(self, event: events.Resize) -> None:
        self.rebuild()
