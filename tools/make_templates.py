#!/usr/bin/env python3
"""Build the two Word templates of ctpdoc: templates/fr/report.docx and templates/en/report.docx.

The templates are docxtpl (Jinja2) documents that translators open and edit in Word. They are
built with python-docx, and with lxml for what python-docx cannot express (styles, numbering,
fields, section properties). Everything that Word offers as a named object is used as such:

* paragraph styles (English style IDs, identical in both languages), a table style;
* real Word numbering: the body paragraphs 1-21 are numbered by the paragraph style
  ``NumberedParagraph`` (its style definition carries the numPr of a decimal "%1." list); the
  "I." / "II." sub-lists are two ``w:num`` instances of one upper-roman ``w:abstractNum``, each
  restarting at I (``lvlOverride/startOverride``); bullets are a bullet list linked to the
  ``ListBullet`` style (the summary box's two bullets use a dash list, as the original does);
* real headers and footers (first page different in section 1), a PAGE field;
* a section break to A4 landscape for the annexes.

Every Jinja tag sits alone in its own run, so that docxtpl sees it whole.

usage: python tools/make_templates.py [--force] [--lang fr|en|all] [--outdir DIR]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips

ROOT = Path(__file__).resolve().parent.parent

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# --------------------------------------------------------------------------------------------
# Page geometry (twips; 567 twips = 1 cm)
# --------------------------------------------------------------------------------------------
A4_W, A4_H = 11906, 16838
PORTRAIT = dict(top=1134, bottom=1134, left=1418, right=1134, header=567, footer=567)
LANDSCAPE = dict(top=1134, bottom=1134, left=1134, right=1134, header=567, footer=567)
PORTRAIT_TEXT = A4_W - PORTRAIT["left"] - PORTRAIT["right"]  # 9354
LANDSCAPE_TEXT = A4_H - LANDSCAPE["left"] - LANDSCAPE["right"]  # 14570

INDENT = 567  # hanging indent of the numbered paragraphs (1 cm)

# Annex table columns: (field, width in twips); widths add up to LANDSCAPE_TEXT.
COLS_CURRENT_1 = [("no", 850), ("objective", 1700), ("activity", 3800), ("deliverable", 2600),
                  ("timeframe", 1400), ("lead", 1300), ("status", 2920)]
COLS_CURRENT_2 = [("no", 850), ("objective", 1700), ("activity", 6000), ("progress", 6020)]
COLS_DRAFT_1 = [("no", 850), ("objective", 1700), ("activity", 5000), ("deliverable", 3820),
                ("timeframe", 1700), ("lead", 1500)]
COLS_DRAFT_2 = [("no", 850), ("objective", 1700), ("activity", 12020)]
for _cols in (COLS_CURRENT_1, COLS_CURRENT_2, COLS_DRAFT_1, COLS_DRAFT_2):
    assert sum(w for _, w in _cols) == LANDSCAPE_TEXT, _cols

LEGEND_FILLS = ("BDD7EE", "C6EFCE", "FFC7CE")  # in progress / completed / pending
HEADER_FILL = "D9D9D9"  # light grey of the column-header rows

# --------------------------------------------------------------------------------------------
# Texts
# --------------------------------------------------------------------------------------------
# Jinja expressions shared by both languages
CUR, DRF = "{{ current.period }}", "{{ draft.period }}"
C = "current.counts"
D = "draft.counts"


def pl(var: str, one: str, other: str) -> str:
    """A plural tag: the forms are Jinja string literals (no double quotes inside)."""
    assert '"' not in one + other
    return f'{{{{ {var}|plural(one="{one}", other="{other}") }}}}'


# French elision before a month name that begins with a vowel (avril, août, octobre):
# "rapport d’avril 2024" but "rapport de mars 2024".
# docxtpl straightens curly quotes inside tags (Word's autocorrect would break them), so the
# typographic apostrophe is written as a Jinja escape.
def de_fr(var: str) -> str:
    return f'{{{{ {var}|elide("de ", "d\\u2019") }}}}'


EN = dict(
    lang="en-GB",
    org=[("WORLD CUSTOMS ORGANIZATION", "Established in 1952 as the Customs Co-operation Council"),
         ("ORGANISATION MONDIALE DES DOUANES",
          "Créée en 1952 sous le nom de Conseil de coopération douanière")],
    committee="PERMANENT TECHNICAL COMMITTEE",
    sessions='- {{ doc.sessions|ordinal(one="#st", two="#nd", few="#rd", other="#th") }} Sessions -',
    meeting="{{ doc.meeting_dates }}",
    reference="{{ doc.reference }}",
    place_date="{{ doc.place }}, {{ doc.issue_date }}.",
    title=f"PROGRESS REPORT ON THE IMPLEMENTATION OF THE PTC REVISED WORK PROGRAMME {CUR} "
          f"AND DRAFT PTC WORK PROGRAMME {DRF}",
    agenda="(Item {{ doc.agenda_item }} on the Agenda)",
    summary="SUMMARY",
    purpose="Purpose of the document",
    purpose_paras=[
        f"At its October 2022 sessions, the PTC approved its revised Work Programme for {CUR}, in "
        "line with the WCO three-year Strategic Plan, its Implementation Plan for the 2022/2023 "
        "financial year and the revised template for the work programmes of the WCO working "
        "bodies. As indicated in the template for the work programmes, a progress report is to be "
        "drawn up and presented to the working bodies. Accordingly, "
        '{{ doc.previous_reports|listing("in #") }}, the PTC took note of the progress made in '
        f"implementing its revised Work Programme for {CUR}. As the implementation of the revised "
        f"Work Programme for the period {CUR} ends in {{{{ doc.programme_end }}}}, the PTC will be "
        "invited to take note of the progress made in this regard.",
        "In addition, the PTC will be invited to examine and provisionally approve its draft Work "
        f"Programme for the period {DRF}. If necessary, the programme will be finalized after the "
        f"approval of the WCO Strategic Plan for {DRF}.",
    ],
    action="Action required of the Permanent Technical Committee",
    invited="The Permanent Technical Committee is invited to:",
    action_bullets=[
        f"take note of the progress made in implementing its revised Work Programme for the "
        f"period {CUR}; and",
        f"examine and provisionally approve its draft Work Programme for the period {DRF}.",
    ],
    sections=[
        ("I. Introduction", [
            "Previously, the WCO’s facilitation activities were planned and monitored through a "
            "number of mechanisms, including the Action Plans of the Economic Competitiveness "
            "Package (ECP) and the PTC work programmes.",
            "In December 2021, the Policy Commission (PC) discussed the way forward for planning "
            "and monitoring the activities of the WCO Directorates and working bodies. More "
            "specifically, it examined a proposal to replace the Action Plans linked to the various "
            "WCO Packages with work programmes for each body, and it endorsed a draft template for "
            "the development of these new work programmes.",
            f"A draft PTC work programme for {CUR} (which, in accordance with the guidance given by "
            "the PC in December 2021, will replace the Action Plan of the future ECP) was submitted "
            "to the PTC for approval in April 2022. The draft was aligned with the draft WCO "
            f"Strategic Plan {CUR} and the draft Implementation Plan 2022-2023; in addition, it "
            "took into account the various activities of the working bodies discontinued during "
            "the term of the previous work programme, namely the Information Management "
            "Sub-Committee (IMSC), the Working Group on the WTO Trade Facilitation Agreement "
            "(WGTFA) and the Working Group on E-Commerce (WGEC).",
            "The PTC provisionally endorsed its work programme in April 2022. The document was to "
            "be adjusted and finalized, as necessary, once the WCO Strategic Plan for "
            f"{CUR} had been approved by the Council.",
            f"In June 2022, the Council approved the Strategic Plan {CUR}, the Implementation Plan "
            f"2022-2023 and the PTC Work Programme {CUR}. In addition, the template for the "
            "development of the work programmes of the WCO bodies was revised in the light of the "
            "discussions held in the PC in June 2022. Subsequently, the draft revised PTC Work "
            f"Programme for {CUR}, including an update on the progress of its implementation, was "
            "submitted to the PTC for examination in October 2022.",
            "At its October 2022 sessions, the PTC endorsed a revised version of its draft Work "
            f"Programme for {CUR}, which is aligned with the WCO three-year Strategic Plan, the "
            "Implementation Plan for the current financial year and the revised template for the "
            "work programmes of the WCO bodies.",
            "In accordance with the guidance set out in the template for the work programmes, a "
            "progress report is to be drawn up and presented to the working bodies. For this "
            'reason, {{ doc.previous_reports|listing("in #") }}, the PTC took note of the status '
            f"of implementation of its revised Work Programme for the period {CUR}.",
        ]),
        (f"II. Progress report on the revised PTC Work Programme for the period {CUR}", [
            f"The implementation of the revised PTC Work Programme for the period {CUR} comes to an "
            "end in {{ doc.programme_end }}, and its final status should therefore be reported.",
            "Following the previous report of {{ doc.previous_report }}, the PTC will be invited "
            "to take note of the final status of implementation of the current Work Programme "
            f"{CUR}.",
            ("roman", f"The revised PTC Work Programme for {CUR} is divided into two parts:",
             ["time-bound activities; and", "ongoing activities."]),
            "No new activities are proposed for inclusion in the current Work Programme. The final "
            "implementation status is simply described in the “Status” column, which shows the "
            "progress made since the progress report submitted to the PTC in "
            "{{ doc.previous_report }}. For ease of reference, the changes made are shown in "
            "“track changes” mode.",
            f"Of a total of {pl(C + '.total', '# activity', '# activities')}, "
            f"{pl(C + '.part1', '# is', '# are')} in Part I and "
            f"{{{{ {C}.part2|number }}}} in Part II. Their final implementation status is as "
            "follows:",
            ("bullets", "As regards the activities under Part I (time-bound activities):", [
                pl(C + ".ongoing", "# activity is in progress (shown in blue) and is to be completed",
                   "# activities are in progress (shown in blue) and are to be completed")
                + " before the end of {{ doc.programme_end }}, if endorsed at the PTC meeting "
                  "scheduled for {{ doc.meeting_month }} and approved by the Council at its June "
                  "sessions;",
                pl(C + ".completed", "# activity has been completed (shown in green)",
                   "# activities have been completed (shown in green)") + "; and",
                pl(C + ".pending", "# activity is pending (shown in red) as it cannot be completed",
                   "# activities are pending (shown in red) as they cannot be completed")
                + " before the end of {{ doc.programme_end }}.",
            ]),
            "As regards the activities under Part II (ongoing activities), the progress made is "
            "shown in the last column of Part II of the Work Programme.",
            "Detailed information on the activities referred to in paragraphs 12, 13 and 14 above "
            "is contained in Annex I to this document.",
        ]),
        (f"III. Draft PTC Work Programme for {DRF}", [
            f"The 2024/2025 financial year is devoted to the development of the Strategic Plan "
            f"{DRF}, from its first draft through to its approval by the Policy Commission and its "
            "adoption by the Council in June 2025.",
            f"The preliminary draft Strategic Plan {DRF} was the subject of an exchange of views "
            "in the Policy Commission in December 2024. It will undergo a final examination and "
            "is expected to be endorsed by the Policy Commission and adopted by the Council in "
            "June 2025.",
            "In the meantime, pending its final examination and possible endorsement, a draft PTC "
            f"Work Programme for {DRF} has been prepared for possible provisional approval by the "
            "PTC. If necessary, the draft will be refined and finalized once the WCO Strategic "
            f"Plan {DRF} has been adopted by the Council.",
            ("roman", "The draft PTC Work Programme is contained in Annex II to this document. It "
             "is divided into two parts, namely:",
             ["time-bound activities; and", "ongoing activities."]),
            f"Part I comprises {pl(D + '.part1', '# activity', '# activities')} and Part II "
            f"{pl(D + '.part2', '# activity', '# activities')}, making a total of "
            f"{pl(D + '.total', '# activity', '# activities')}.",
        ]),
        ("IV. Action required of the Permanent Technical Committee", [
            ("bullets", "The Permanent Technical Committee is invited to:", [
                "take note of the progress made in implementing its revised Work Programme for "
                f"the period {CUR}; and",
                "examine and provisionally approve its draft Work Programme for the period "
                f"{DRF}.",
            ]),
        ]),
    ],
    annex1="Annex I",
    annex1_title=f"REVISED PTC WORK PROGRAMME {CUR} — STATUS",
    part1="Part I – Time-bound activities",
    part2="Part II – Ongoing activities",
    legend=("In progress (blue)", "Completed (green)", "Pending (red)"),
    annex2="Annex II",
    annex2_title=f"DRAFT PTC WORK PROGRAMME {DRF}",
    headers=dict(no="No.", objective="Strategic objective", activity="Activity",
                 deliverable="Deliverable", timeframe="Timeframe", lead="Lead", status="Status",
                 progress="Progress"),
    economy="For reasons of economy, documents are printed in limited numbers. Delegates are "
            "kindly asked to bring their copies to meetings and not to request additional copies.",
    copyright="Copyright © {{ doc.year }} World Customs Organization. All rights reserved. "
              "Requests and enquiries concerning translation, reproduction and adaptation rights "
              "should be addressed to copyright@wcoomd.org.",
    # Document properties (File › Properties); docxtpl fills their tags too.
    core_title="Progress report on the implementation of the PTC revised Work Programme {{ current.period }} "
               "and draft PTC Work Programme {{ draft.period }}",
    core_subject="Permanent Technical Committee, {{ doc.reference }}",
    core_author="World Customs Organization",
)

FR = dict(
    lang="fr-FR",
    org=EN["org"],
    committee="COMITÉ TECHNIQUE PERMANENT",
    sessions='- {{ doc.sessions|ordinal(one="#re", other="#e") }} sessions -',
    meeting="{{ doc.meeting_dates }}",
    reference="{{ doc.reference }}",
    place_date="{{ doc.place }}, le {{ doc.issue_date }}.",
    title="RAPPORT DE SITUATION SUR LA MISE EN ŒUVRE DU PROGRAMME DE TRAVAIL RÉVISÉ DU CTP POUR "
          f"{CUR} ET PROJET DE PROGRAMME DE TRAVAIL DU CTP POUR {DRF}",
    agenda="(Point {{ doc.agenda_item }} de l'ordre du jour)",  # as the contract spells it
    summary="RÉSUMÉ",
    purpose="Objet du document",
    purpose_paras=[
        "Lors de ses sessions d’octobre 2022, le CTP a approuvé son Programme de travail révisé "
        f"pour {CUR}, dans la lignée du Plan stratégique triennal de l’OMD, de son Plan de mise en "
        "œuvre pour l’exercice financier 2022-2023, ainsi que du document-type révisé servant de "
        "modèle pour les programmes de travail des organes de travail de l’OMD. Comme indiqué "
        "dans le document – type servant de modèle pour les programmes de travail, un rapport de "
        "situation doit être dressé et présenté aux organes de travail. C’est pourquoi "
        '{{ doc.previous_reports|listing("en #") }}, le CTP a pris note des progrès réalisés '
        f"dans la mise en œuvre de son Programme de travail révisé pour {CUR}. La mise en œuvre "
        f"du Programme de travail révisé pour la période {CUR} s’achevant en "
        "{{ doc.programme_end }}, le CTP sera invité à prendre note des progrès réalisés à ce "
        "titre.",
        "En outre, le CTP sera invité à examiner et approuver provisoirement le projet de "
        f"Programme de travail le concernant pour la période {DRF}. Si nécessaire, le programme "
        f"sera définitivement arrêté après l’approbation du Plan stratégique de l’OMD pour {DRF}.",
    ],
    action="Actions attendues de la part du Comité technique permanent",
    invited="Le Comité technique permanent est invité à :",
    action_bullets=[
        "prendre note des progrès réalisés concernant la mise en œuvre de son Programme de travail "
        f"révisé pour la période {CUR} ; et",
        "examiner et approuver provisoirement le projet de Programme de travail le concernant "
        f"pour la période {DRF}.",
    ],
    sections=[
        ("I. Introduction", [
            "Auparavant, les activités de facilitation de l’OMD étaient planifiées et suivies à "
            "l’aide d’un certain nombre de mécanismes, parmi lesquels les plans d’action du "
            "Dossier compétitivité économique (DCE) et les programmes de travail du CTP.",
            "En décembre 2021, la Commission de politique générale (CPG) a examiné la voie à "
            "suivre pour la planification et le suivi des activités des directions et organes de "
            "travail de l’OMD. Elle a plus précisément examiné une proposition visant à remplacer "
            "les plans d’action liés aux divers dossiers de l’OMD par des programmes de travail "
            "pour chaque organe, et elle a entériné un projet de modèle destiné à l’élaboration de "
            "ces nouveaux programmes de travail.",
            f"Un projet de programme de travail du CTP pour {CUR} (qui, conformément aux "
            "orientations données par la CPG en décembre 2021, se substituera au plan d’action du "
            "futur DCE) a été soumis à l’approbation du CTP en avril 2022. Ce projet était aligné "
            f"sur le projet de Plan stratégique de l’OMD {CUR} et sur le projet de plan de mise en "
            "œuvre 2022-2023 ; en outre, il tenait compte des diverses activités des organes de "
            "travail supprimés pendant la durée d’application du précédent programme de travail, "
            "à savoir le Sous-comité informatique (SCI), le Groupe de travail chargé de l’Accord "
            "de l’OMC sur la facilitation des échanges (GT-AFE) et le Groupe de travail sur le "
            "commerce électronique (GT-CE).",
            "Le CTP a provisoirement entériné son programme de travail en avril 2022. Le document "
            "devait être retouché et finalisé, au besoin, une fois le Plan stratégique de l’OMD "
            f"pour {CUR} approuvé par le Conseil.",
            f"En juin 2022, le Conseil a approuvé le Plan stratégique {CUR}, le Plan de mise en "
            f"œuvre 2022-2023 ainsi que le Programme de travail du CTP {CUR}. De plus, le "
            "document-type servant de modèle pour l’élaboration des programmes de travail des "
            "organes de l’OMD a été revu à la lumière des échanges tenus au sein de la CPG en "
            "juin 2022. Ultérieurement, le projet de Programme de travail révisé du CTP pour "
            f"{CUR} et notamment un point de situation sur l’avancement de son exécution ont été "
            "soumis au CTP pour examen en octobre 2022.",
            "À ses sessions d’octobre 2022, le CTP a entériné une version révisée de son projet "
            f"de Programme de travail pour {CUR}, qui est alignée sur le Plan stratégique triennal "
            "de l’OMD, sur le Plan de mise en œuvre pour l’exercice financier en cours, et sur la "
            "version révisée du modèle servant à élaborer les programmes de travail des organes "
            "de l’OMD.",
            "Conformément aux indications qui figurent dans le modèle utilisé pour les programmes "
            "de travail, un rapport de situation doit être dressé et présenté aux organes de "
            "travail. C’est la raison pour laquelle, "
            '{{ doc.previous_reports|listing("en #") }}, le CTP a pris note de l’état '
            "d’avancement de la mise en œuvre de son Programme de travail révisé pour la période "
            f"{CUR}.",
        ]),
        (f"II. Rapport de situation sur le Programme de travail révisé du CTP pour la période {CUR}", [
            f"La mise en œuvre du Programme de travail révisé du CTP pour la période {CUR} arrive "
            "à son terme en {{ doc.programme_end }} et il convient donc d’en dresser l’état "
            "d’avancement final.",
            "Suite au précédent rapport " + de_fr("doc.previous_report") + ", le CTP sera invité "
            "à prendre note de l’état d’avancement final concernant la mise en œuvre du Programme "
            f"de travail {CUR} en cours.",
            ("roman", f"Le programme de travail révisé du CTP pour {CUR} est divisé en deux "
             "parties :",
             ["les activités entreprises dans un délai spécifique ; et",
              "les activités permanentes."]),
            "Il n’est proposé d’inclure aucune nouvelle activité dans le Programme de travail "
            "actuel. La situation finale concernant la mise en œuvre est simplement décrite dans "
            "la colonne « État d’avancement », où sont indiqués les progrès réalisés depuis le "
            "rapport sur l’état d’avancement soumis au CTP en {{ doc.previous_report }}. Pour plus "
            "de commodité, les changements réalisés apparaissent en mode « suivi des "
            "modifications ».",
            f"Sur un total de {pl(C + '.total', '# activité', '# activités')}, "
            f"{pl(C + '.part1', '# relève', '# relèvent')} de la première partie et "
            f"{{{{ {C}.part2|number }}}} de la seconde partie. La situation concernant leur état "
            "d’avancement final est la suivante :",
            ("bullets", "S’agissant des activités relevant de la première partie (activités "
             "entreprises dans un délai spécifique),", [
                pl(C + ".ongoing",
                   "# activité est en cours (indiquée en bleu) et doit être menée à bien",
                   "# activités sont en cours (indiquées en bleu) et doivent être menées à bien")
                + " avant la fin du mois " + de_fr("doc.programme_end") + ", "
                + pl(C + ".ongoing", "si elle est entérinée", "si elles sont entérinées")
                + " lors de la réunion du CTP prévue en {{ doc.meeting_month }} et "
                + pl(C + ".ongoing", "approuvée", "approuvées")
                + " par le Conseil à l’occasion de ses sessions de juin ;",
                pl(C + ".completed", "# activité a été menée à bien (indiquée en vert)",
                   "# activités ont été menées à bien (indiquées en vert)") + ", et",
                pl(C + ".pending",
                   "# activité est en attente (indiquée en rouge) car elle ne peut pas être "
                   "menée à bien",
                   "# activités sont en attente (indiquées en rouge) car elles ne peuvent pas "
                   "être menées à bien")
                + " avant la fin du mois " + de_fr("doc.programme_end") + ".",
            ]),
            "En ce qui concerne les activités relevant de la seconde partie (activités "
            "permanentes), les progrès réalisés sont indiqués dans la dernière colonne de la "
            "Partie II du Programme de travail.",
            "Les informations détaillées concernant les activités mentionnées dans les "
            "paragraphes 12, 13 et 14 ci-dessus figurent en Annexe I au présent document.",
        ]),
        (f"III. Projet de Programme de travail du CTP pour {DRF}", [
            f"L’exercice financier 2024/2025 est consacré à l’élaboration du Plan stratégique "
            f"{DRF}, depuis son ébauche jusqu’à son approbation par la Commission de politique "
            "générale et son adoption par le Conseil en juin 2025.",
            f"L’avant-projet de Plan stratégique {DRF} a fait l’objet d’un échange de vues de la "
            "part de la Commission de politique générale en décembre 2024. Il fera l’objet d’un "
            "examen final et devrait être entériné par la Commission de politique générale et "
            "adopté par le Conseil en juin 2025.",
            "Jusque-là, en attendant son examen final et son entérinement éventuel, un projet de "
            f"Programme de travail du CTP pour {DRF} a été rédigé en vue d’une possible "
            "approbation à titre temporaire par le CTP. Si nécessaire, ce projet sera affiné et sa "
            f"version définitive sera mise au point une fois que le Plan stratégique {DRF} de "
            "l’OMD aura été adopté par le Conseil.",
            ("roman", "Le projet de Programme de travail du CTP figure en Annexe II au présent "
             "document. Il se divise en deux parties, à savoir",
             ["les activités entreprises dans un délai spécifique ; et",
              "les activités permanentes."]),
            f"On dénombre {pl(D + '.part1', '# activité', '# activités')} relevant de la première "
            f"partie et {pl(D + '.part2', '# activité', '# activités')} au titre de la seconde "
            f"partie, ce qui représente en tout {pl(D + '.total', '# activité', '# activités')}.",
        ]),
        ("IV. Actions attendues de la part du Comité technique permanent", [
            ("bullets", "Le Comité technique permanent est invité à :", [
                "prendre note des progrès réalisés concernant la mise en œuvre de son Programme "
                f"de travail révisé pour la période {CUR} ; et",
                "examiner et approuver provisoirement le projet de Programme de travail le "
                f"concernant pour la période {DRF}.",
            ]),
        ]),
    ],
    annex1="Annexe I",
    annex1_title=f"PROGRAMME DE TRAVAIL RÉVISÉ DU CTP POUR {CUR} — ÉTAT D’AVANCEMENT",
    part1="Partie I – Activités entreprises dans un délai spécifique",
    part2="Partie II – Activités permanentes",
    legend=("En cours (bleu)", "Menée à bien (vert)", "En attente (rouge)"),
    annex2="Annexe II",
    annex2_title=f"PROJET DE PROGRAMME DE TRAVAIL DU CTP POUR {DRF}",
    headers=dict(no="N°", objective="Objectif stratégique", activity="Activité",
                 deliverable="Produit attendu", timeframe="Calendrier", lead="Pilote",
                 status="État d’avancement", progress="État d’avancement"),
    economy="Pour des raisons d’économie, les documents sont imprimés en nombre limité. Les "
            "délégués sont priés de se munir de leurs exemplaires lors des réunions et de ne pas "
            "demander d’exemplaires supplémentaires.",
    copyright="Copyright © {{ doc.year }} Organisation mondiale des douanes. Tous droits "
              "réservés. Les demandes et questions concernant les droits de traduction, de "
              "reproduction et d’adaptation doivent être adressées à copyright@wcoomd.org.",
    core_title="Rapport de situation sur la mise en œuvre du Programme de travail révisé du CTP pour "
               "{{ current.period }} et projet de Programme de travail du CTP pour {{ draft.period }}",
    core_subject="Comité technique permanent, {{ doc.reference }}",
    core_author="Organisation mondiale des douanes",
)

TEXTS = {"en": EN, "fr": FR}

# --------------------------------------------------------------------------------------------
# Typography
# --------------------------------------------------------------------------------------------
TAG = re.compile(r"({{.*?}}|{%.*?%})")
NNBSP, NBSP = "\u202f", "\u00a0"
MONTHS_FR = ("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
             "décembre")


def typo_fr(text: str) -> str:
    """French typography on template text (never on Jinja tags)."""
    text = re.sub(r" ([;:!?»])", NNBSP + r"\1", text)
    text = re.sub(r"« ", "«" + NNBSP, text)
    text = re.sub(rf"\b({MONTHS_FR}) (\d{{4}})\b", r"\1" + NBSP + r"\2", text)
    return text


MONTHS_EN = ("January|February|March|April|May|June|July|August|September|October|November|"
             "December")


def typo_en(text: str) -> str:
    """Keep the month and the year of a (historical) date on one line."""
    return re.sub(rf"\b({MONTHS_EN}) (\d{{4}})\b", r"\1" + NBSP + r"\2", text)


def segments(text: str, lang: str) -> list[str]:
    """Split text into plain-text pieces and whole Jinja tags (one run each)."""
    out = []
    for piece in TAG.split(text):
        if not piece:
            continue
        if not TAG.fullmatch(piece):
            piece = typo_fr(piece) if lang == "fr" else typo_en(piece)
        out.append(piece)
    return out


# --------------------------------------------------------------------------------------------
# Styles and numbering (raw WordprocessingML)
# --------------------------------------------------------------------------------------------
def _border(side: str, sz: int = 4) -> str:
    return f'<w:{side} w:val="single" w:sz="{sz}" w:space="0" w:color="000000"/>'


# w:numId of the lists (numbering.xml)
NUM_PARAGRAPHS, NUM_BULLETS, NUM_ROMAN_10, NUM_ROMAN_19, NUM_DASHES = 1, 2, 3, 4, 5


def styles_xml() -> list[str]:
    """The document's styles, in styles.xml order. Only these exist in the templates."""
    p = []

    def pstyle(sid, name, based="Normal", nxt=None, ppr="", rpr="", extra="", q=True, ui=None):
        nxt_x = f'<w:next w:val="{nxt}"/>' if nxt else ""
        based_x = f'<w:basedOn w:val="{based}"/>' if based else ""
        ui_x = f'<w:uiPriority w:val="{ui}"/>' if ui is not None else ""
        q_x = "<w:qFormat/>" if q else ""
        custom = ' w:customStyle="1"' if sid not in ("Normal", "Header", "Footer", "ListBullet",
                                                      "BodyText") else ""
        p.append(f'<w:style w:type="paragraph"{custom} w:styleId="{sid}">'
                 f'<w:name w:val="{name}"/>{based_x}{nxt_x}{extra}{ui_x}{q_x}'
                 f'<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')

    # The defaults: Normal, the default character font, the default table and "No List".
    p.append('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
             '<w:qFormat/><w:pPr><w:widowControl/></w:pPr><w:rPr/></w:style>')
    p.append('<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
             '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
             '<w:unhideWhenUsed/></w:style>')
    p.append('<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
             '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
             '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
             '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
             '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
             '</w:tblPr></w:style>')
    p.append('<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
             '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>')

    # Cover block
    pstyle("OrganisationName", "Organisation Name", rpr="<w:b/><w:bCs/>",
           ppr='<w:keepNext/><w:jc w:val="center"/>')
    pstyle("OrganisationTagline", "Organisation Tagline", rpr='<w:i/><w:iCs/><w:sz w:val="18"/>'
           '<w:szCs w:val="18"/>', ppr='<w:keepNext/><w:spacing w:after="60"/><w:jc w:val="center"/>')
    pstyle("CoverText", "Cover Text", ppr='<w:spacing w:after="60"/>')
    pstyle("CoverCommittee", "Cover Committee", based="CoverText", rpr="<w:b/><w:bCs/>")
    pstyle("CoverReference", "Cover Reference", based="CoverText", rpr="<w:b/><w:bCs/>")
    pstyle("ReportTitle", "Report Title", nxt="AgendaItem", rpr="<w:b/><w:bCs/>",
           ppr='<w:keepNext/><w:spacing w:before="480" w:after="240"/><w:jc w:val="center"/>')
    pstyle("AgendaItem", "Agenda Item", ppr='<w:spacing w:after="360"/><w:jc w:val="center"/>')

    # Summary box
    pstyle("SummaryHeading", "Summary Heading", nxt="SummarySubheading",
           rpr='<w:b/><w:bCs/>',
           ppr='<w:keepNext/><w:spacing w:before="120" w:after="240"/><w:jc w:val="center"/>'
               '<w:outlineLvl w:val="0"/>')  # in the navigation pane and the PDF outline
    pstyle("SummarySubheading", "Summary Subheading", nxt="BodyText", rpr="<w:b/><w:bCs/>",
           ppr='<w:keepNext/><w:spacing w:before="120" w:after="160"/>')

    # Body
    pstyle("BodyText", "Body Text", ppr='<w:spacing w:after="200"/><w:jc w:val="both"/>', ui=99)
    pstyle("SectionHeading", "Section Heading", nxt="NumberedParagraph", rpr="<w:b/><w:bCs/>",
           ppr=f'<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="240"/>'
               f'<w:ind w:left="{INDENT}" w:hanging="{INDENT}"/><w:outlineLvl w:val="0"/>')
    pstyle("NumberedParagraph", "Numbered Paragraph", nxt="NumberedParagraph",
           ppr=f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{NUM_PARAGRAPHS}"/></w:numPr>'
               f'<w:spacing w:after="240"/><w:ind w:left="{INDENT}" w:hanging="{INDENT}"/>'
               f'<w:jc w:val="both"/>')
    pstyle("ListBullet", "List Bullet", ui=99,
           ppr=f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{NUM_BULLETS}"/></w:numPr>'
               f'<w:spacing w:after="240"/><w:ind w:left="{2 * INDENT}" w:hanging="{INDENT}"/>'
               f'<w:jc w:val="both"/>')
    pstyle("RomanList", "Roman List",
           ppr=f'<w:spacing w:after="240"/><w:ind w:left="{3 * INDENT}" w:hanging="{INDENT}"/>'
               f'<w:contextualSpacing/>')
    pstyle("ClosingSign", "Closing Sign", ppr='<w:keepLines/><w:spacing w:before="360"/>'
           '<w:jc w:val="center"/>')

    # Annexes
    pstyle("AnnexLabel", "Annex Label", nxt="AnnexTitle", rpr="<w:b/><w:bCs/>",
           ppr='<w:keepNext/><w:spacing w:after="240"/><w:jc w:val="right"/><w:outlineLvl w:val="0"/>')
    pstyle("AnnexTitle", "Annex Title", nxt="AnnexPartHeading", rpr="<w:b/><w:bCs/>",
           ppr='<w:keepNext/><w:spacing w:after="240"/><w:jc w:val="center"/>')
    pstyle("AnnexPartHeading", "Annex Part Heading", rpr="<w:b/><w:bCs/>",
           ppr='<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/>')
    pstyle("LegendText", "Legend Text", rpr='<w:sz w:val="18"/><w:szCs w:val="18"/>',
           ppr='<w:keepNext/><w:spacing w:before="40" w:after="40"/><w:jc w:val="center"/>')
    pstyle("TableHeading", "Table Heading", rpr='<w:b/><w:bCs/><w:sz w:val="18"/><w:szCs w:val="18"/>',
           ppr='<w:keepNext/><w:spacing w:before="40" w:after="40"/><w:jc w:val="center"/>')
    pstyle("TableText", "Table Text", rpr='<w:sz w:val="18"/><w:szCs w:val="18"/>',
           ppr='<w:spacing w:before="20" w:after="40"/>')
    pstyle("TableStatus", "Table Status", based="TableText", nxt="TableText",
           rpr="<w:b/><w:bCs/>")
    pstyle("Spacer", "Spacer", rpr='<w:sz w:val="12"/><w:szCs w:val="12"/>')

    # Page furniture
    tabs = f'<w:tabs><w:tab w:val="right" w:pos="{PORTRAIT_TEXT}"/></w:tabs>'
    pstyle("Header", "header", ui=99, q=False, rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>',
           ppr=f'{tabs}<w:spacing w:after="240"/>')
    pstyle("Footer", "footer", ui=99, q=False, rpr='<w:sz w:val="16"/><w:szCs w:val="16"/>',
           ppr=tabs)
    pstyle("FooterRule", "Footer Rule", based="Footer",
           ppr=f'<w:pBdr>{_border("top", 6)}</w:pBdr><w:spacing w:before="120"/>'
               f'<w:ind w:right="{PORTRAIT_TEXT - 2835}"/>',
           rpr='<w:sz w:val="8"/><w:szCs w:val="8"/>')
    pstyle("FooterNotice", "Footer Notice", based="Footer",
           ppr='<w:spacing w:after="60"/><w:jc w:val="both"/>')
    p.append('<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
             '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1"/>'
             '<w:u w:val="single"/></w:rPr></w:style>')

    # Table styles
    def tstyle(sid, name, borders, mar):
        bx = "".join(_border(s) for s in borders)
        bx = f"<w:tblBorders>{bx}</w:tblBorders>" if bx else ""
        t, l, b, r = mar
        p.append(f'<w:style w:type="table" w:customStyle="1" w:styleId="{sid}">'
                 f'<w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/>'
                 f'<w:uiPriority w:val="59"/><w:pPr><w:spacing w:after="0"/></w:pPr>'
                 f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{bx}<w:tblCellMar>'
                 f'<w:top w:w="{t}" w:type="dxa"/><w:left w:w="{l}" w:type="dxa"/>'
                 f'<w:bottom w:w="{b}" w:type="dxa"/><w:right w:w="{r}" w:type="dxa"/>'
                 f'</w:tblCellMar></w:tblPr></w:style>')

    tstyle("ProgrammeTable", "Programme Table",
           ("top", "left", "bottom", "right", "insideH", "insideV"), (28, 85, 28, 85))
    tstyle("SummaryBox", "Summary Box", ("top", "left", "bottom", "right"), (113, 227, 113, 227))
    tstyle("CoverTable", "Cover Table", (), (0, 0, 0, 0))
    return p



def numbering_xml() -> list[str]:
    def lvl(fmt, text, left, style="", rpr=""):
        pst = f'<w:pStyle w:val="{style}"/>' if style else ""
        return (f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{pst}'
                f'<w:suff w:val="tab"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
                f'<w:ind w:left="{left}" w:hanging="{INDENT}"/></w:pPr>{rpr}</w:lvl>')

    def absnum(aid, nsid, name, lvl_xml):
        return (f'<w:abstractNum w:abstractNumId="{aid}"><w:nsid w:val="{nsid}"/>'
                f'<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="{nsid[::-1]}"/>'
                f'<w:name w:val="{name}"/>{lvl_xml}</w:abstractNum>')

    return [
        absnum(0, "5C1A0001", "Numbered paragraphs",
               lvl("decimal", "%1.", INDENT, style="NumberedParagraph")),
        absnum(1, "5C1A0002", "Bullets",
               lvl("bullet", "\uf0b7", 2 * INDENT, style="ListBullet",
                   rpr='<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/>'
                       '</w:rPr>')),
        absnum(2, "5C1A0003", "Roman sub-list", lvl("upperRoman", "%1.", 3 * INDENT)),
        # the summary box's bullets are dashes, as in the original
        absnum(3, "5C1A0004", "Dash bullets", lvl("bullet", "-", 2 * INDENT)),
        f'<w:num w:numId="{NUM_PARAGRAPHS}"><w:abstractNumId w:val="0"/></w:num>',
        f'<w:num w:numId="{NUM_BULLETS}"><w:abstractNumId w:val="1"/></w:num>',
        # Two instances of the roman list, each restarting at I.
        f'<w:num w:numId="{NUM_ROMAN_10}"><w:abstractNumId w:val="2"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
        f'<w:num w:numId="{NUM_ROMAN_19}"><w:abstractNumId w:val="2"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
        f'<w:num w:numId="{NUM_DASHES}"><w:abstractNumId w:val="3"/></w:num>',
    ]


def _wrap(xml: str):
    """Parse one w: element given without namespace declarations."""
    head_end = xml.index(">")
    if xml[head_end - 1] == "/":
        head_end -= 1
    return parse_xml(xml[:head_end] + f" {nsdecls('w', 'r')}" + xml[head_end:])


# --------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------
class Builder:
    def __init__(self, lang: str):
        self.lang = lang
        self.t = TEXTS[lang]
        self.doc = Document()
        self._prepare_package()

    # ---- package-level set-up ----
    def _prepare_package(self):
        doc = self.doc
        # styles: keep the latent styles, replace docDefaults and every style
        st = doc.styles.element
        for child in list(st):
            if child.tag in (qn("w:style"), qn("w:docDefaults")):
                st.remove(child)
        defaults = _wrap(
            '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" '
            'w:eastAsia="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
            f'<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="{self.t["lang"]}" '
            'w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
            '</w:docDefaults>')
        st.insert(0, defaults)
        for x in styles_xml():
            st.append(_wrap(x))
        # numbering: replace everything
        num = doc.part.numbering_part.element
        for child in list(num):
            num.remove(child)
        for x in numbering_xml():
            num.append(_wrap(x))
        # settings: language of the theme fonts, no leftover proofing state
        settings = doc.settings.element
        for tag in ("w:proofState", "w:rsids", "w:attachedTemplate"):
            for e in settings.findall(qn(tag)):
                settings.remove(e)
        zoom = settings.find(qn("w:zoom"))
        if zoom is not None:  # the schema requires w:percent
            zoom.set(qn("w:percent"), "100")
        # Word 2013+ layout (no "Compatibility Mode" banner; table borders align to the margins)
        for cs in settings.iter(qn("w:compatSetting")):
            if cs.get(qn("w:name")) == "compatibilityMode":
                cs.set(qn("w:val"), "15")
        tfl = settings.find(qn("w:themeFontLang"))
        if tfl is not None:
            tfl.set(qn("w:val"), self.t["lang"])
        # parts the default python-docx template carries that a template does not need
        for rId, rel in list(doc.part.rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
                doc.part.rels.pop(rId)
        pkg_rels = doc.part.package.rels
        for rId, rel in list(pkg_rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                pkg_rels.pop(rId)
        cp = doc.core_properties
        cp.title = self.t["core_title"]
        cp.author = self.t["core_author"]
        cp.last_modified_by = "ctpdoc tools/make_templates.py"
        cp.language = self.t["lang"]
        cp.subject = self.t["core_subject"]
        cp.keywords = ""
        cp.comments = ""
        cp.revision = 1
        body = doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)

    # ---- paragraphs ----
    def para(self, style: str, text: str = "", container=None, bold=False, num=NUM_BULLETS):
        container = container if container is not None else self.doc
        p = container.add_paragraph()
        p._p.get_or_add_pPr().style = style
        if style == "ListBullet":  # the list, also set on the paragraph as Word does
            p._p.pPr.insert(1, _wrap(f'<w:numPr><w:ilvl w:val="0"/>'
                                     f'<w:numId w:val="{num}"/></w:numPr>'))
        for seg in segments(text, self.lang):
            r = p.add_run(seg)
            if bold:
                r.bold = True
        return p

    # ---- sections ----
    @staticmethod
    def set_page(sectPr, landscape: bool):
        m = LANDSCAPE if landscape else PORTRAIT
        for tag in ("w:pgSz", "w:pgMar", "w:cols", "w:docGrid", "w:titlePg"):
            for e in sectPr.findall(qn(tag)):
                sectPr.remove(e)
        w, h = (A4_H, A4_W) if landscape else (A4_W, A4_H)
        orient = ' w:orient="landscape"' if landscape else ""
        # pgSz, pgMar after header/footer references, before cols
        items = [
            _wrap(f'<w:pgSz w:w="{w}" w:h="{h}"{orient}/>'),
            _wrap(f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" '
                  f'w:left="{m["left"]}" w:header="{m["header"]}" w:footer="{m["footer"]}" '
                  f'w:gutter="0"/>'),
            _wrap('<w:cols w:space="708"/>'),
        ]
        for it in items:
            sectPr.append(it)

    def header_content(self, header, text_width: int, landscape: bool):
        p = header.paragraphs[0]
        p._p.get_or_add_pPr().style = "Header"
        if landscape:  # the style's tab stop is the portrait one: clear it, set the landscape one
            p._p.get_or_add_pPr().append(_wrap(
                f'<w:tabs><w:tab w:val="clear" w:pos="{PORTRAIT_TEXT}"/>'
                f'<w:tab w:val="right" w:pos="{text_width}"/></w:tabs>'))
        p.add_run("{{ doc.short_reference }}")
        p.add_run().add_tab()
        for x in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                  '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                  '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
                  '<w:r><w:t>2</w:t></w:r>',
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
            p._p.append(_wrap(x))

    def first_page_footer(self, footer):
        t = self.t
        p = footer.paragraphs[0]
        p._p.get_or_add_pPr().style = "FooterRule"
        self.para("FooterNotice", t["economy"], container=footer)
        before, after = t["copyright"].split("copyright@wcoomd.org")
        p = self.para("FooterNotice", before, container=footer)
        rId = footer.part.relate_to("mailto:copyright@wcoomd.org", RT.HYPERLINK, is_external=True)
        p._p.append(_wrap(f'<w:hyperlink r:id="{rId}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>'
                          f'</w:rPr><w:t>copyright@wcoomd.org</w:t></w:r></w:hyperlink>'))
        p.add_run(after)

    # ---- tables ----
    def table(self, style: str, widths: list[int], rows: int):
        tbl = self.doc.add_table(rows=rows, cols=len(widths))
        tblPr = tbl._tbl.tblPr
        for child in list(tblPr):
            tblPr.remove(child)
        look = '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" ' \
               'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        for x in (f'<w:tblStyle w:val="{style}"/>', f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>',
                  '<w:tblLayout w:type="fixed"/>', look):
            tblPr.append(_wrap(x))
        grid = tbl._tbl.tblGrid
        for gc, w in zip(grid.findall(qn("w:gridCol")), widths):
            gc.set(qn("w:w"), str(w))
        for row in tbl.rows:
            for cell, w in zip(row.cells, widths):
                cell.width = Twips(w)
        return tbl

    def cell_para(self, cell, style, text):
        """Fill a new cell's first (empty) paragraph."""
        p = cell.paragraphs[0]
        p._p.get_or_add_pPr().style = style
        for seg in segments(text, self.lang):
            p.add_run(seg)
        return p

    @staticmethod
    def shade(cell, fill):
        tcPr = cell._tc.get_or_add_tcPr()
        shd = _wrap(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
        # CT_TcPr order: tcW, gridSpan, vMerge, tcBorders, shd, noWrap, tcMar, ..., vAlign
        after = [qn(t) for t in ("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders")]
        idx = 0
        for i, c in enumerate(tcPr):
            if c.tag in after:
                idx = i + 1
        tcPr.insert(idx, shd)

    def programme_table(self, cols, loop_var: str):
        t = self.t
        widths = [w for _, w in cols]
        tbl = self.table("ProgrammeTable", widths, rows=4)
        head, start, data, end = tbl.rows
        # header row, repeated on each page
        trPr = head._tr.get_or_add_trPr()
        trPr.append(_wrap("<w:cantSplit/>"))
        trPr.append(_wrap("<w:tblHeader/>"))
        for cell, (field, _) in zip(head.cells, cols):
            self.cell_para(cell, "TableHeading", t["headers"][field])
            self.shade(cell, HEADER_FILL)
        # loop rows: each docxtpl row tag alone in its own row
        self.cell_para(start.cells[0], "TableText", f"{{%tr for row in {loop_var} %}}")
        self.cell_para(end.cells[0], "TableText", "{%tr endfor %}")
        for row in (start, end):
            for cell in row.cells[1:]:
                self.cell_para(cell, "TableText", "")
        # a data row stays on one page: a reader never has to turn over mid-activity
        data._tr.get_or_add_trPr().append(_wrap("<w:cantSplit/>"))
        for cell, (field, _) in zip(data.cells, cols):
            if field == "status":
                self.cell_para(cell, "TableStatus", "{{r row.status }}")
                p = cell.add_paragraph()
                p._p.get_or_add_pPr().style = "TableText"
                p.add_run("{{r row.progress }}")
            else:
                self.cell_para(cell, "TableText", f"{{{{r row.{field} }}}}")
        return tbl

    # ---- the document ----
    def build(self):
        t, doc = self.t, self.doc
        sect1 = doc.sections[0]
        self.set_page(sect1._sectPr, landscape=False)

        # Cover block
        for i, (name, tagline) in enumerate(t["org"]):
            self.para("OrganisationName", name)
            p = self.para("OrganisationTagline", tagline)
        # a rule under the letterhead
        rule = _border("bottom", 6).replace('w:space="0"', 'w:space="6"')
        p._p.get_or_add_pPr().append(_wrap(f"<w:pBdr>{rule}</w:pBdr>"))
        self._fix_ppr_order(p)
        self.para("Spacer")
        cover = self.table("CoverTable", [5670, PORTRAIT_TEXT - 5670], rows=1)
        left, right = cover.rows[0].cells
        self.cell_para(left, "CoverCommittee", t["committee"])
        self.para("CoverText", t["sessions"], container=left)
        self.para("CoverText", t["meeting"], container=left)
        self.cell_para(right, "CoverReference", t["reference"])
        self.para("CoverText", "", container=right)
        self.para("CoverText", t["place_date"], container=right)
        self.para("ReportTitle", t["title"])
        self.para("AgendaItem", t["agenda"])

        # Summary box
        box = self.table("SummaryBox", [PORTRAIT_TEXT], rows=1)
        cell = box.rows[0].cells[0]
        self.cell_para(cell, "SummaryHeading", t["summary"])
        self.para("SummarySubheading", t["purpose"], container=cell)
        for txt in t["purpose_paras"]:
            self.para("BodyText", txt, container=cell)
        self.para("SummarySubheading", t["action"], container=cell)
        p = self.para("BodyText", t["invited"], container=cell)
        p._p.get_or_add_pPr().insert(1, _wrap("<w:keepNext/>"))
        for txt in t["action_bullets"]:
            self.para("ListBullet", txt, container=cell, num=NUM_DASHES)

        # Sections I-IV, paragraphs 1-21
        n = 0
        for heading, paras in t["sections"]:
            self.para("SectionHeading", heading)
            for item in paras:
                n += 1
                if isinstance(item, str):
                    self.para("NumberedParagraph", item)
                    continue
                kind, lead, subs = item
                p = self.para("NumberedParagraph", lead)
                p._p.get_or_add_pPr().insert(1, _wrap("<w:keepNext/>"))  # with its list
                for s in subs:
                    if kind == "bullets":
                        self.para("ListBullet", s)
                    else:
                        p = self.para("RomanList", s)
                        numId = NUM_ROMAN_10 if n == 10 else NUM_ROMAN_19
                        p._p.get_or_add_pPr().insert(1, _wrap(
                            f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{numId}"/></w:numPr>'))
        assert n == 21, n

        # Closing sign
        self.para("ClosingSign", "*")
        last = self.para("ClosingSign", "*  *")
        last._p.get_or_add_pPr().insert(1, _wrap('<w:spacing w:before="0"/>'))

        # Page furniture of section 1: first page different
        sect1.different_first_page_header_footer = True
        sect1.first_page_header.is_linked_to_previous = False
        fph = sect1.first_page_header
        fph.paragraphs[0]._p.get_or_add_pPr().style = "Header"
        sect1.first_page_footer.is_linked_to_previous = False
        self.first_page_footer(sect1.first_page_footer)
        sect1.header.is_linked_to_previous = False
        self.header_content(sect1.header, PORTRAIT_TEXT, landscape=False)
        sect1.footer.is_linked_to_previous = False
        sect1.footer.paragraphs[0]._p.get_or_add_pPr().style = "Footer"

        # Section break (next page) into landscape; the section-1 sectPr goes into the
        # paragraph of the closing sign, so no empty paragraph is left behind.
        sect2 = doc.add_section(WD_SECTION.NEW_PAGE)
        brk_p = doc.paragraphs[-1]._p
        sectPr1 = brk_p.pPr.find(qn("w:sectPr"))
        last._p.get_or_add_pPr().append(sectPr1)
        brk_p.getparent().remove(brk_p)
        sect2 = doc.sections[-1]
        self.set_page(sect2._sectPr, landscape=True)
        sect2.header.is_linked_to_previous = False
        self.header_content(sect2.header, LANDSCAPE_TEXT, landscape=True)

        # Annex I
        self.para("AnnexLabel", t["annex1"])
        self.para("AnnexTitle", t["annex1_title"])
        self.para("AnnexPartHeading", t["part1"])
        legend = self.table("ProgrammeTable", [2835, 2835, 2835], rows=1)
        for cell, label, fill in zip(legend.rows[0].cells, t["legend"], LEGEND_FILLS):
            self.cell_para(cell, "LegendText", label)
            self.shade(cell, fill)
        self.para("Spacer")
        self.programme_table(COLS_CURRENT_1, "current.part1")
        self.para("AnnexPartHeading", t["part2"])
        self.programme_table(COLS_CURRENT_2, "current.part2")

        # Annex II, on a new page of the landscape section
        p = self.para("AnnexLabel", t["annex2"])
        p._p.get_or_add_pPr().insert(1, _wrap("<w:pageBreakBefore/>"))
        self.para("AnnexTitle", t["annex2_title"])
        self.para("AnnexPartHeading", t["part1"])
        self.programme_table(COLS_DRAFT_1, "draft.part1")
        self.para("AnnexPartHeading", t["part2"])
        self.programme_table(COLS_DRAFT_2, "draft.part2")
        self.para("Spacer")
        self._check()
        return doc

    @staticmethod
    def _fix_ppr_order(p):
        """pBdr must come before spacing/ind/jc in w:pPr."""
        pPr = p._p.pPr
        pbdr = pPr.find(qn("w:pBdr"))
        pPr.remove(pbdr)
        anchor = pPr.find(qn("w:pStyle"))
        pPr.insert(pPr.index(anchor) + 1, pbdr)

    def _check(self):
        body = self.doc.element.body
        numbered = [p for p in body.iter(qn("w:p"))
                    if p.pPr is not None and p.pPr.pStyle is not None
                    and p.pPr.pStyle.val == "NumberedParagraph"]
        assert len(numbered) == 21, len(numbered)
        for r in body.iter(qn("w:t")):
            txt = r.text or ""
            if "{" in txt or "}" in txt:
                assert TAG.fullmatch(txt), f"tag not alone in its run: {txt!r}"


def build(lang: str):
    return Builder(lang).build()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="overwrite existing templates")
    ap.add_argument("--lang", choices=("fr", "en", "all"), default="all")
    ap.add_argument("--outdir", type=Path, default=ROOT / "templates",
                    help="directory holding fr/ and en/ (default: templates/)")
    args = ap.parse_args(argv)
    langs = ("fr", "en") if args.lang == "all" else (args.lang,)
    targets = {lang: args.outdir / lang / "report.docx" for lang in langs}
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing and not args.force:
        print("refusing to overwrite (use --force): " + ", ".join(existing), file=sys.stderr)
        return 1
    for lang, path in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        build(lang).save(str(path))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
