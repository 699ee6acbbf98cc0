"""Each page's content, rendered once for both renderings: the live page (app_pages/*, which puts each piece
in with ``st.html`` or a Streamlit widget's label) and the first view (geo/render/firstview.py, which puts
the same pieces into the server's HTML). Only what must be a Streamlit widget stays a widget on the live page.
"""

from __future__ import annotations

from html import escape

from ..data.contacts import ORG_TYPES, Row
from ..data.model import Model
from ..i18n import t
from ..view import changes
from ..view.formatting import period_text
from ..view.pages import Page
from ..view.rows import legend_counts, today_sources
from ..view.search import Found
from ..view.urlstate import ViewState
from .card import (
    card_html,
    contact_cards_html,
    intro_html,
    kommun_found_html,
    legend_html,
    note_html,
    provenance_html,
    publisher_html,
    source_html,
    status_html,
)
from .changelog import changes_log_html
from .markdown import markdown_html
from .tables import changes_table_html, contacts_tables_html, sources_table_html

ALTS = {"idag": "map_alt_today", "2014-2020": "map_alt", "regiontyp": "map_alt_regiontyp"}


def heading(page: Page, state: ViewState) -> str:
    """A page's heading (the map's per period)."""
    return t(page.heading(state.period), state.lang)


def history_period(model: Model) -> str:
    """The 2014–2020 list's period as written, ``2014–2020``."""
    return period_text(model.meta.get("period", ""))


# --- the map page ----------------------------------------------------------------------------------------------


def map_intro_html(state: ViewState, model: Model) -> str:
    if state.period == "2014-2020":
        return intro_html(t("map_intro", state.lang, period=history_period(model)))
    return intro_html(t("map_intro_today" if state.period == "idag" else "map_intro_regiontyp", state.lang))


def map_alt(state: ViewState, embed: bool = False) -> str:
    """The map's description for screen readers (the list under the map holds the same)."""
    return t("map_alt_embed" if embed else ALTS[state.period], state.lang)


def map_alt_key(state: ViewState, embed: bool = False) -> str:
    return "map_alt_embed" if embed else ALTS[state.period]


def map_legend_html(model: Model, state: ViewState) -> str:
    """The legend with counts for the view; with the type filter on, what the faded counties are."""
    return legend_html(
        legend_counts(model.rows, state.period, model.fa_rows),
        state.lang,
        state.period,
        filtered=len(state.active_types) < len(ORG_TYPES),
        history_period=model.meta.get("period", ""),
    )


def map_card_html(model: Model, state: ViewState, embed: bool = False) -> str:
    """The chosen county's card ("" without a county: the page says how to choose one)."""
    return card_html(model.by_code[state.lan], state.lang, compact=embed) if state.lan else ""


def kommun_line_html(model: Model, kommun: str | None, lang: str) -> str:
    """ "Malung-Sälen ligger i Dalarnas län. …": where a found municipality lies ("" for none)."""
    if not kommun or kommun not in model.kommun_name:
        return ""
    fa_row = model.fa_by_code.get(model.kommun_fa.get(kommun, ""))
    county = model.by_code[model.kommun_lan[kommun]]["lan"]
    return kommun_found_html(model.kommun_name[kommun], county, fa_row, lang)


def search_note_html(model: Model, state: ViewState, found: Found | None) -> str:
    """What the map page says under its search: a found municipality's line (also for a shared ?kommun link),
    that a named county is chosen, or that nothing matched (and that the card still shows its county)."""
    lang = state.lang

    def still_shows(text: str) -> str:  # a typo should not wipe the view: say what the card still shows
        return text + (" " + t("kommun_none_kept", lang, lan=model.by_code[state.lan]["lan"]) if state.lan else "")

    if found and found.guesses:
        return note_html(still_shows(t("kommun_guess", lang, query=found.query)), "rsp-kommun-guess")
    if found and found.miss:
        return note_html(still_shows(t("kommun_none", lang, query=found.query)), "rsp-kommun-none")
    if found and found.lan and not found.kommun and state.lan == found.lan and not state.kommun:
        return status_html(t("county_found", lang, lan=model.by_code[found.lan]["lan"]))
    return kommun_line_html(model, state.kommun, lang)


def search_offers(model: Model, state: ViewState, found: Found | None) -> dict[str, str]:
    """The municipalities a search offers beside its answer (kommun_kod → the offer's words): the similar
    spellings it asks about ("Båstad (Skåne län)?"), or close alternatives to the one it chose."""
    lang = state.lang
    if found and found.guesses:
        return {
            code: t(
                "kommun_in_short",
                lang,
                kommun=model.kommun_name[code],
                lan=model.by_code[model.kommun_lan[code]]["lan"],
            )
            + "?"
            for code in found.guesses
        }
    if found and found.kommun and found.kommun == state.kommun:
        return {code: model.kommun_name[code] for code in found.others}
    return {}


# --- the contacts page ----------------------------------------------------------------------------------------


def contacts_intro_html(model: Model, lang: str) -> str:
    return intro_html(t("contacts_intro", lang, period=history_period(model)))


def shown_count_text(shown: list[Row], model: Model, lang: str) -> str:
    return t("shown_count", lang, n=len(shown), total=len(model.rows))


def contacts_html(shown: list[Row], model: Model, lang: str) -> str:
    """The two tables (a desktop, print) and the same counties as cards (a phone: geo/render/styles.py)."""
    return contacts_tables_html(shown, lang, model.meta.get("period", "")) + contact_cards_html(shown, lang)


# --- what changed ------------------------------------------------------------------------------------------------


def changes_intro_html(lang: str) -> str:
    return intro_html(t("changes_intro", lang))


def changes_sections(model: Model, lang: str) -> list[tuple[str, str]]:
    """``(heading, HTML)`` pairs: the counties whose type changed, then all 21, then the data's change log."""
    moved = changes.changed(model.rows)
    return [
        (
            t("changes_heading", lang, n=len(moved)),
            changes_table_html(changes.table_records(moved, lang), lang, "rsp-table-changed"),
        ),
        (
            t("changes_all_heading", lang),
            changes_table_html(changes.table_records(changes.comparison(model.rows), lang), lang, "rsp-table-all"),
        ),
        (t("changes_log_heading", lang), changes_log_html(model.changelog, lang)),
    ]


# --- about the data --------------------------------------------------------------------------------------------------


def about_html(model: Model, lang: str) -> str:
    """The About text (Markdown), the sources and dates, who publishes the map, today's sources per county."""
    return (
        markdown_html(t("about_body", lang))
        + source_html(model.meta, lang)
        + f'<h3 class="rsp-about-h">{escape(t("about_publisher", lang))}</h3>'
        + publisher_html(lang)
        + f'<h3 class="rsp-about-h">{escape(t("about_today_sources", lang))}</h3>'
        + sources_table_html(today_sources(model.rows), lang)
    )


# --- every page -------------------------------------------------------------------------------------------------


def footer_html(model: Model, lang: str) -> str:
    """Under every page: the sources with their dates, who publishes the map and where to report an error."""
    return provenance_html(model.meta, lang) + publisher_html(lang)


def not_found_text(lang: str) -> tuple[str, str]:
    """The "not found" page's sentence and its link's text."""
    return t("not_found_body", lang), t("not_found_link", lang)
