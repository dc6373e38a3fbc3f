"""Sample data for ctpdoc's source workbooks, read by make_sample_workbooks.py.

Invented, realistic WCO facilitation activities in English and French:

- ``CURRENT_PART_I`` / ``CURRENT_PART_II``: the PTC Work Programme 2022-2025
  as it stands in March 2025 (42 time-bound activities: 6 ongoing,
  19 completed, 17 pending; 52 ongoing activities);
- ``CHANGES_SINCE_BASELINE``, ``ADDED_SINCE_BASELINE``,
  ``REMOVED_SINCE_BASELINE``: what a year of work changed since the progress
  report of April 2024; the baseline workbook is the current data with these
  changes undone, so the two can never drift apart;
- ``DRAFT_PART_I`` / ``DRAFT_PART_II``: the draft Work Programme 2025-2028
  (21 + 48 activities).

Strategic objective codes, printed as they are:
SO1 simplified and harmonized procedures; SO2 digital Customs and data;
SO3 partnerships, AEO and coordinated border management;
SO4 resilience and sustainability.

Conventions: the typographic apostrophe (’) in both languages; ordinary
spaces before ; : ? ! and inside « » (ctpdoc adds the French no-break
spaces); a line break inside a progress text separates two paragraphs.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

# --------------------------------------------------------------------------
# Leads: (English, French)
# --------------------------------------------------------------------------
PTC = ("PTC", "CTP")
SEC = ("Secretariat", "Secrétariat")
PTC_SEC = ("PTC, Secretariat", "CTP, Secrétariat")
SEC_MEMBERS = ("Secretariat, Members", "Secrétariat, Membres")
SEC_PARTNERS = ("Secretariat, partner organizations", "Secrétariat, organisations partenaires")
PTC_SAFE = ("PTC, SAFE Working Group", "CTP, Groupe de travail SAFE")

Text = tuple[str, str]  # (English, French)
Row = dict[str, object]


def time_bound(
    no: str,
    objective: str,
    activity: Text,
    deliverable: Text,
    timeframe: date | str,
    lead: Text,
    status: str | None = None,
    progress: Text | None = None,
) -> Row:
    """A Part I activity; status and progress only in the current programme."""
    row: Row = {
        "No.": no,
        "Strategic objective": objective,
        "Activity (EN)": activity[0],
        "Activity (FR)": activity[1],
        "Deliverable (EN)": deliverable[0],
        "Deliverable (FR)": deliverable[1],
        "Timeframe": timeframe,
        "Lead (EN)": lead[0],
        "Lead (FR)": lead[1],
    }
    if status is not None:
        row["Status"] = status
    if progress is not None:
        row["Progress (EN)"], row["Progress (FR)"] = progress
    return row


def ongoing(no: str, objective: str, activity: Text, progress: Text | None = None) -> Row:
    """A Part II activity; progress only in the current programme."""
    row: Row = {
        "No.": no,
        "Strategic objective": objective,
        "Activity (EN)": activity[0],
        "Activity (FR)": activity[1],
    }
    if progress is not None:
        row["Progress (EN)"], row["Progress (FR)"] = progress
    return row


# ==========================================================================
# Work Programme 2022-2025, Part I: time-bound activities (March 2025)
# ==========================================================================
CURRENT_PART_I: list[Row] = [
    time_bound(
        "1.1", "SO1",
        ("Update the Guidelines to Chapter 3 of the General Annex to the Revised Kyoto Convention (clearance and other Customs formalities) to reflect current practice in pre-arrival processing and immediate release.",
         "Mettre à jour les Lignes directrices relatives au Chapitre 3 de l’Annexe générale de la Convention de Kyoto révisée (dédouanement et autres formalités douanières) afin de tenir compte des pratiques actuelles en matière de traitement avant l’arrivée et de mainlevée immédiate."),
        ("Updated Guidelines to Chapter 3 of the General Annex",
         "Lignes directrices actualisées relatives au Chapitre 3 de l’Annexe générale"),
        date(2024, 6, 30), PTC_SEC, "completed",
        ("A draft was discussed by the PTC in October 2023 and Members’ comments were collected until January 2024. The final text was endorsed by the PTC in April 2024 and published on the WCO website in July 2024.",
         "Un projet a été examiné par le CTP en octobre 2023 et les observations des Membres ont été recueillies jusqu’en janvier 2024. Le texte définitif a été entériné par le CTP en avril 2024 et publié sur le site Web de l’OMD en juillet 2024."),
    ),
    time_bound(
        "1.2", "SO1",
        ("Compile Members’ practices on the use of guarantees in Customs transit, including comprehensive and multi-country guarantees.",
         "Recenser les pratiques des Membres en matière de garanties dans le cadre du transit douanier, y compris les garanties globales et multinationales."),
        ("Compendium of practices on transit guarantees",
         "Recueil de pratiques sur les garanties de transit"),
        "2022-2023", SEC, "completed",
        ("The Compendium, based on contributions from 27 Members and four regional transit systems, was published in November 2023.",
         "Le Recueil, établi à partir des contributions de 27 Membres et de quatre régimes de transit régionaux, a été publié en novembre 2023."),
    ),
    time_bound(
        "1.3", "SO2",
        ("Add three chapters to the Single Window Compendium on interoperability between national Single Windows and on cross-border data exchange.",
         "Compléter le Recueil sur le guichet unique par trois chapitres consacrés à l’interopérabilité entre guichets uniques nationaux et à l’échange transfrontalier de données."),
        ("Three new chapters of the Single Window Compendium",
         "Trois nouveaux chapitres du Recueil sur le guichet unique"),
        date(2025, 6, 30), SEC, "ongoing",
        ("Two of the three chapters have been drafted with the support of the Virtual Working Group on Single Window. The third chapter, on cross-border data exchange, will be presented to the PTC in May 2025.",
         "Deux des trois chapitres ont été rédigés avec le concours du Groupe de travail virtuel sur le guichet unique. Le troisième chapitre, consacré à l’échange transfrontalier de données, sera présenté au CTP en mai 2025."),
    ),
    time_bound(
        "1.4", "SO3",
        ("Update the AEO Compendium with information on Members’ Authorized Economic Operator programmes and mutual recognition arrangements.",
         "Mettre à jour le Recueil OEA en y intégrant les informations relatives aux programmes d’opérateurs économiques agréés des Membres et aux accords de reconnaissance mutuelle."),
        ("2024 edition of the AEO Compendium",
         "Édition 2024 du Recueil OEA"),
        date(2024, 12, 31), SEC, "completed",
        ("Data collection among Members started in February 2024. The 2024 edition, which lists 97 operational AEO programmes and 98 mutual recognition arrangements, was published in December 2024.",
         "La collecte des données auprès des Membres a débuté en février 2024. L’édition 2024, qui recense 97 programmes OEA opérationnels et 98 accords de reconnaissance mutuelle, a été publiée en décembre 2024."),
    ),
    time_bound(
        "1.5", "SO3",
        ("Develop guidance on the validation and monitoring of Authorized Economic Operators through remote and hybrid methods.",
         "Élaborer des orientations relatives à la validation et au suivi des opérateurs économiques agréés au moyen de méthodes à distance et hybrides."),
        ("Guidance on remote and hybrid AEO validation",
         "Orientations sur la validation à distance et hybride des OEA"),
        date(2023, 6, 30), PTC_SEC, "completed",
        ("The guidance was endorsed by the PTC in April 2023 and is available on the WCO website in English, French and Spanish.",
         "Les orientations ont été entérinées par le CTP en avril 2023 et sont disponibles sur le site Web de l’OMD en anglais, en espagnol et en français."),
    ),
    time_bound(
        "1.6", "SO1",
        ("Update the WCO guidance on implementing the WTO Trade Facilitation Agreement with practical examples for Article 7 (release and clearance of goods) and Article 10 (formalities).",
         "Mettre à jour les orientations de l’OMD relatives à la mise en œuvre de l’Accord de l’OMC sur la facilitation des échanges en y ajoutant des exemples pratiques concernant l’article 7 (mainlevée et dédouanement des marchandises) et l’article 10 (formalités)."),
        ("Updated guidance on the implementation of the Trade Facilitation Agreement",
         "Orientations actualisées sur la mise en œuvre de l’Accord sur la facilitation des échanges"),
        "2023-2025", SEC, "pending",
        ("Work was deferred in order to take account of the outcome of the review of the Agreement by the WTO Committee on Trade Facilitation. It is proposed to carry this activity over to the 2025-2028 Work Programme.",
         "Les travaux ont été différés afin de tenir compte des résultats de l’examen de l’Accord par le Comité de la facilitation des échanges de l’OMC. Il est proposé de reporter cette activité sur le Programme de travail 2025-2028."),
    ),
    time_bound(
        "1.7", "SO2",
        ("Develop a WCO Data Model information package for the exchange of AEO data under mutual recognition arrangements.",
         "Élaborer un dossier d’information fondé sur le Modèle de données de l’OMD pour l’échange des données relatives aux OEA dans le cadre des accords de reconnaissance mutuelle."),
        ("AEO mutual recognition information package",
         "Dossier d’information sur la reconnaissance mutuelle des OEA"),
        date(2024, 6, 30), SEC, "completed",
        ("The information package was validated by the Data Model Projects Team and published with the 2024 release of the WCO Data Model.",
         "Le dossier d’information a été validé par l’Équipe de projet chargée du Modèle de données et publié avec la version 2024 du Modèle de données de l’OMD."),
    ),
    time_bound(
        "1.8", "SO2",
        ("Review the Technical Specifications of the Framework of Standards on Cross-Border E-Commerce in the light of new business models, including online marketplaces.",
         "Réexaminer les spécifications techniques du Cadre de normes sur le commerce électronique transfrontalier à la lumière des nouveaux modèles d’affaires, notamment les places de marché en ligne."),
        ("Revised Technical Specifications",
         "Spécifications techniques révisées"),
        "2024-2025", PTC_SEC, "ongoing",
        ("Members’ comments on the current Technical Specifications were collected in January and February 2024. A draft revision was discussed by the PTC in October 2024; a revised version reflecting Members’ comments will be submitted to the PTC in May 2025.",
         "Les observations des Membres sur les spécifications techniques actuelles ont été recueillies en janvier et février 2024. Un projet de révision a été examiné par le CTP en octobre 2024 ; une version révisée tenant compte des observations des Membres sera soumise au CTP en mai 2025."),
    ),
    time_bound(
        "1.9", "SO4",
        ("Prepare a study on the role of Customs in supporting the circular economy, including trade in second-hand and remanufactured goods.",
         "Réaliser une étude sur le rôle de la douane dans le soutien à l’économie circulaire, y compris le commerce des marchandises d’occasion et remanufacturées."),
        ("Study on Customs and the circular economy",
         "Étude sur la douane et l’économie circulaire"),
        date(2025, 3, 31), SEC, "pending",
        ("Preparatory research was carried out in 2023, but the study could not be completed owing to resource constraints. It is proposed to continue this work under the 2025-2028 Work Programme.",
         "Des recherches préparatoires ont été menées en 2023, mais l’étude n’a pas pu être achevée faute de ressources suffisantes. Il est proposé de poursuivre ces travaux dans le cadre du Programme de travail 2025-2028."),
    ),
    time_bound(
        "1.10", "SO4",
        ("Develop a checklist for Customs administrations on the expedited clearance of relief consignments, building on lessons learnt from recent disasters.",
         "Élaborer une liste de contrôle à l’intention des administrations des douanes pour le dédouanement accéléré des envois de secours, en s’appuyant sur les enseignements tirés des catastrophes récentes."),
        ("Checklist on the clearance of relief consignments",
         "Liste de contrôle sur le dédouanement des envois de secours"),
        date(2023, 12, 31), PTC_SEC, "completed",
        ("The checklist was endorsed by the PTC in October 2023 and disseminated to Members together with the updated list of national contact points for disaster relief.",
         "La liste de contrôle a été entérinée par le CTP en octobre 2023 et diffusée aux Membres, accompagnée de la liste actualisée des points de contact nationaux pour les secours en cas de catastrophe."),
    ),
    time_bound(
        "1.11", "SO1",
        ("Revise the Time Release Study Guide to cover e-commerce consignments and multimodal trade corridors.",
         "Réviser le Guide de l’Étude sur le temps nécessaire pour la mainlevée afin d’y inclure les envois du commerce électronique et les corridors commerciaux multimodaux."),
        ("Revised Time Release Study Guide",
         "Guide révisé de l’Étude sur le temps nécessaire pour la mainlevée"),
        date(2024, 12, 31), SEC, "menée à bien",  # a French status word, accepted too
        ("A draft of the revised Guide was presented to the PTC in October 2023. The revised Guide was published in December 2024, together with an updated data collection template.",
         "Un projet de guide révisé a été présenté au CTP en octobre 2023. Le Guide révisé a été publié en décembre 2024, accompagné d’un modèle actualisé de collecte des données."),
    ),
    time_bound(
        "1.12", "SO3",
        ("Update the Coordinated Border Management Compendium with case studies on joint inspections and one-stop border posts.",
         "Mettre à jour le Recueil sur la gestion coordonnée des frontières en y ajoutant des études de cas sur les contrôles conjoints et les postes frontières à guichet unique."),
        ("Updated Coordinated Border Management Compendium",
         "Recueil actualisé sur la gestion coordonnée des frontières"),
        "2023-2024", SEC, "completed",
        ("The updated Compendium, which includes 12 new case studies from all WCO regions, was published in February 2024.",
         "Le Recueil actualisé, qui comprend 12 nouvelles études de cas provenant de toutes les régions de l’OMD, a été publié en février 2024."),
    ),
    time_bound(
        "1.13", "SO2",
        ("Carry out a study on the use of artificial intelligence and distributed ledger technology in Customs clearance processes.",
         "Réaliser une étude sur l’utilisation de l’intelligence artificielle et de la technologie des registres distribués dans les procédures de dédouanement."),
        ("Study report on emerging technologies in clearance",
         "Rapport d’étude sur les technologies émergentes dans le dédouanement"),
        date(2025, 3, 31), SEC, "pending",
        ("The study was postponed to avoid duplication with the update of the WCO Study Report on Disruptive Technologies. The PTC will be invited to reconsider it when the 2025-2028 Work Programme is finalized.",
         "L’étude a été reportée afin d’éviter tout chevauchement avec la mise à jour du Rapport d’étude de l’OMD sur les technologies de rupture. Le CTP sera invité à la réexaminer lors de la finalisation du Programme de travail 2025-2028."),
    ),
    time_bound(
        "1.14", "SO1",
        ("Update the Practical Guidance on Free Zones with a chapter on e-commerce fulfilment centres located in free zones.",
         "Mettre à jour le Guide pratique sur les zones franches en y ajoutant un chapitre sur les centres de traitement des commandes du commerce électronique situés en zone franche."),
        ("Updated Practical Guidance on Free Zones",
         "Guide pratique actualisé sur les zones franches"),
        date(2023, 6, 30), PTC_SEC, "completed",
        ("The new chapter was endorsed by the PTC in April 2023 and the updated Practical Guidance was published in June 2023.",
         "Le nouveau chapitre a été entériné par le CTP en avril 2023 et le Guide pratique actualisé a été publié en juin 2023."),
    ),
    time_bound(
        "1.15", "SO3",
        ("Review the WCO/IATA/ICAO Guidelines on Advance Passenger Information and Passenger Name Record data, in consultation with the partner organizations.",
         "Réexaminer les Lignes directrices OMD/IATA/OACI relatives aux renseignements préalables concernant les voyageurs et aux données des dossiers passagers, en concertation avec les organisations partenaires."),
        ("Revised API/PNR Guidelines",
         "Lignes directrices API/PNR révisées"),
        "2024-2025", SEC_PARTNERS, "ongoing",
        ("In January 2024 the partner organizations agreed to launch the review at the next meeting of the API-PNR Contact Committee.\n"
         "The Contact Committee met in June and November 2024 and agreed on the structure of the revised Guidelines, which are expected to be finalized by June 2025.",
         "En janvier 2024, les organisations partenaires sont convenues de lancer le réexamen lors de la prochaine réunion du Comité de contact API-PNR.\n"
         "Le Comité de contact s’est réuni en juin et en novembre 2024 et s’est accordé sur la structure des Lignes directrices révisées, qui devraient être finalisées d’ici juin 2025."),
    ),
    time_bound(
        "1.16", "SO3",
        ("Develop guidance to facilitate the participation of micro, small and medium-sized enterprises (MSMEs) in AEO programmes.",
         "Élaborer des orientations visant à faciliter la participation des micro, petites et moyennes entreprises (MPME) aux programmes d’OEA."),
        ("Guidance on MSME participation in AEO programmes",
         "Orientations sur la participation des MPME aux programmes d’OEA"),
        date(2023, 12, 31), PTC_SEC, "completed",
        ("The guidance was endorsed by the PTC in October 2023.\n"
         "A webinar presenting it to Members and the private sector was held in February 2024 and attracted 350 participants.",
         "Les orientations ont été entérinées par le CTP en octobre 2023.\n"
         "Un webinaire destiné à les présenter aux Membres et au secteur privé s’est tenu en février 2024 et a réuni 350 participants."),
    ),
    time_bound(
        "1.17", "SO4",
        ("Develop guidelines on reducing the environmental footprint of Customs operations, including paperless procedures and energy-efficient border infrastructure.",
         "Élaborer des lignes directrices sur la réduction de l’empreinte environnementale des opérations douanières, notamment grâce à la dématérialisation des procédures et à des infrastructures frontalières économes en énergie."),
        ("Green Customs guidelines on operations",
         "Lignes directrices « douane verte » sur les opérations"),
        "2024-2025", SEC, "pending",
        ("A questionnaire was circulated to Members in January 2024 and 41 replies were received. Drafting of the guidelines will continue under the 2025-2028 Work Programme.",
         "Un questionnaire a été adressé aux Membres en janvier 2024 et 41 réponses ont été reçues. La rédaction des lignes directrices se poursuivra dans le cadre du Programme de travail 2025-2028."),
    ),
    time_bound(
        "1.18", "SO1",
        ("Analyse the results of the survey on the implementation of the Revised Kyoto Convention and identify the provisions most in need of practical guidance.",
         "Analyser les résultats de l’enquête sur la mise en œuvre de la Convention de Kyoto révisée et recenser les dispositions pour lesquelles des orientations pratiques sont le plus nécessaires."),
        ("Survey analysis report",
         "Rapport d’analyse de l’enquête"),
        date(2023, 3, 31), SEC, "completed",
        ("The report, covering replies from 86 Contracting Parties, was presented to the PTC in April 2023.",
         "Le rapport, qui porte sur les réponses de 86 Parties contractantes, a été présenté au CTP en avril 2023."),
    ),
    time_bound(
        "1.19", "SO2",
        ("Develop a maturity model to help Members assess and plan the development of their Single Window environment.",
         "Élaborer un modèle de maturité permettant aux Membres d’évaluer et de planifier le développement de leur environnement de guichet unique."),
        ("Single Window maturity model",
         "Modèle de maturité du guichet unique"),
        date(2025, 6, 30), PTC_SEC, "pending",
        ("An outline of the model was discussed by the Virtual Working Group on Single Window in 2023, but the model could not be finalized within the current period. It is proposed to carry it over to the 2025-2028 Work Programme.",
         "Les grandes lignes du modèle ont été examinées par le Groupe de travail virtuel sur le guichet unique en 2023, mais le modèle n’a pas pu être finalisé au cours de la période actuelle. Il est proposé de le reporter sur le Programme de travail 2025-2028."),
    ),
    time_bound(
        "1.20", "SO3",
        ("Organize a global AEO conference, in cooperation with a host Member, to take stock of mutual recognition and of the benefits granted to AEOs.",
         "Organiser une conférence mondiale sur les OEA, en coopération avec un Membre hôte, afin de faire le point sur la reconnaissance mutuelle et sur les avantages accordés aux OEA."),
        ("Global AEO conference and outcome report",
         "Conférence mondiale sur les OEA et rapport final"),
        date(2024, 6, 30), SEC, "completed",
        ("Preparations were carried out with the host administration. The conference took place in May 2024 and brought together more than 1,200 participants; its outcome report is available on the WCO website.",
         "Les préparatifs ont été menés avec l’administration hôte. La conférence s’est tenue en mai 2024 et a réuni plus de 1 200 participants ; son rapport final est disponible sur le site Web de l’OMD."),
    ),
    time_bound(
        "1.21", "SO1",
        ("Update the Guidelines on Post-Clearance Audit with a chapter on audits of AEOs and of e-commerce operators.",
         "Mettre à jour les Lignes directrices sur le contrôle a posteriori en y ajoutant un chapitre consacré aux contrôles des OEA et des opérateurs du commerce électronique."),
        ("Updated Guidelines on Post-Clearance Audit",
         "Lignes directrices actualisées sur le contrôle a posteriori"),
        date(2024, 12, 31), SEC, "en attente",  # a French status word, accepted too
        ("The update was postponed because of competing priorities and will be carried over to the 2025-2028 Work Programme.",
         "La mise à jour a été reportée en raison d’autres priorités et sera inscrite au Programme de travail 2025-2028."),
    ),
    time_bound(
        "1.22", "SO2",
        ("Update the reference document on models for the collection of duties and taxes on low-value e-commerce consignments.",
         "Mettre à jour le document de référence sur les modèles de perception des droits et taxes applicables aux envois de faible valeur du commerce électronique."),
        ("Updated reference document on revenue collection models",
         "Document de référence actualisé sur les modèles de perception"),
        date(2023, 12, 31), SEC, "completed",
        ("The updated document, which describes five collection models and their conditions of use, was published in December 2023.",
         "Le document actualisé, qui décrit cinq modèles de perception et leurs conditions d’utilisation, a été publié en décembre 2023."),
    ),
    time_bound(
        "1.23", "SO3",
        ("Compile good practices in Customs-Business partnership, including consultation mechanisms and service-level commitments.",
         "Recenser les bonnes pratiques en matière de partenariat douane-entreprises, notamment les mécanismes de consultation et les engagements de niveau de service."),
        ("Compendium of Customs-Business partnership practices",
         "Recueil de pratiques de partenariat douane-entreprises"),
        "2022-2023", SEC_MEMBERS, "completed",
        ("The Compendium was published in March 2023 and includes 23 practices from all WCO regions.",
         "Le Recueil a été publié en mars 2023 et présente 23 pratiques issues de toutes les régions de l’OMD."),
    ),
    time_bound(
        "1.24", "SO4",
        ("Develop guidance on maintaining the continuity of Customs operations and of supply chains during crises such as pandemics and major disruptions.",
         "Élaborer des orientations sur le maintien de la continuité des opérations douanières et des chaînes logistiques en période de crise, notamment en cas de pandémie ou de perturbation majeure."),
        ("Guidance on business continuity and supply chain resilience",
         "Orientations sur la continuité des activités et la résilience des chaînes logistiques"),
        date(2023, 6, 30), PTC_SEC, "completed",
        ("The guidance was endorsed by the PTC in April 2023 and presented to the Policy Commission in June 2023.",
         "Les orientations ont été entérinées par le CTP en avril 2023 et présentées à la Commission de politique générale en juin 2023."),
    ),
    time_bound(
        "1.25", "SO1",
        ("Update the Transit Handbook to support the implementation of Article 11 of the WTO Trade Facilitation Agreement (freedom of transit).",
         "Mettre à jour le Manuel sur le transit afin d’appuyer la mise en œuvre de l’article 11 de l’Accord de l’OMC sur la facilitation des échanges (liberté de transit)."),
        ("Updated Transit Handbook",
         "Manuel actualisé sur le transit"),
        date(2024, 6, 30), SEC, "completed",
        ("The draft update was presented to the PTC in October 2023. The updated Handbook was published in June 2024 in English, French and Spanish.",
         "Le projet de mise à jour a été présenté au CTP en octobre 2023. Le Manuel actualisé a été publié en juin 2024 en anglais, en espagnol et en français."),
    ),
    time_bound(
        "1.26", "SO2",
        ("Develop guidance on the exchange of electronic certificates (phytosanitary, veterinary and origin) through the Single Window.",
         "Élaborer des orientations sur l’échange de certificats électroniques (phytosanitaires, vétérinaires et d’origine) par l’intermédiaire du guichet unique."),
        ("Guidance on electronic certificates in the Single Window",
         "Orientations sur les certificats électroniques dans le guichet unique"),
        date(2025, 6, 30), SEC, "ongoing",
        ("A first draft was prepared with the support of partner organizations.\n"
         "It was circulated to Members for comments in January 2025 and will be finalized by June 2025.",
         "Un premier projet a été élaboré avec le concours des organisations partenaires.\n"
         "Il a été diffusé aux Membres pour observations en janvier 2025 et sera finalisé d’ici juin 2025."),
    ),
    time_bound(
        "1.27", "SO3",
        ("Prepare, with the SAFE Working Group, the review of the SAFE Framework of Standards scheduled for 2025.",
         "Préparer, avec le Groupe de travail SAFE, le réexamen du Cadre de normes SAFE prévu pour 2025."),
        ("Draft amendments to the SAFE Framework of Standards",
         "Projet d’amendements au Cadre de normes SAFE"),
        date(2025, 6, 30), PTC_SAFE, "pending",
        ("Preliminary discussions were held in the SAFE Working Group in February 2024. In October 2024 the Working Group agreed to postpone the review until the implementation of the 2021 edition has been fully evaluated; the review will be conducted under the 2025-2028 Work Programme.",
         "Des discussions préliminaires ont eu lieu au sein du Groupe de travail SAFE en février 2024. En octobre 2024, le Groupe de travail est convenu de reporter le réexamen jusqu’à ce que la mise en œuvre de l’édition 2021 ait été pleinement évaluée ; le réexamen sera mené dans le cadre du Programme de travail 2025-2028."),
    ),
    time_bound(
        "1.28", "SO1",
        ("Develop guidance on the issuance of advance rulings on classification, origin and valuation, including the publication of rulings.",
         "Élaborer des orientations sur la délivrance de décisions anticipées en matière de classement, d’origine et de valeur, y compris la publication de ces décisions."),
        ("Guidance on advance rulings",
         "Orientations sur les décisions anticipées"),
        "2022-2023", PTC_SEC, "completed",
        ("The guidance was endorsed by the PTC in October 2023 and is supplemented by a compendium of national practices.",
         "Les orientations ont été entérinées par le CTP en octobre 2023 et sont complétées par un recueil de pratiques nationales."),
    ),
    time_bound(
        "1.29", "SO2",
        ("Define a simplified data set for the clearance of low-value e-commerce consignments, based on the WCO Data Model.",
         "Définir un jeu de données simplifié, fondé sur le Modèle de données de l’OMD, pour le dédouanement des envois de faible valeur du commerce électronique."),
        ("Simplified data set for low-value consignments",
         "Jeu de données simplifié pour les envois de faible valeur"),
        date(2023, 6, 30), SEC, "completed",
        ("The data set was incorporated into the WCO Data Model in June 2023 and is being used by 14 Members.",
         "Le jeu de données a été intégré au Modèle de données de l’OMD en juin 2023 et est utilisé par 14 Membres."),
    ),
    time_bound(
        "1.30", "SO3",
        ("Develop a self-assessment tool to help Members measure the level of coordination among their border agencies.",
         "Élaborer un outil d’autoévaluation permettant aux Membres de mesurer le degré de coordination entre leurs services présents aux frontières."),
        ("Coordinated Border Management self-assessment tool",
         "Outil d’autoévaluation de la gestion coordonnée des frontières"),
        date(2025, 6, 30), SEC, "pending",
        ("Work has not started owing to the reallocation of resources to higher-priority activities.",
         "Les travaux n’ont pas débuté en raison de la réaffectation des ressources à des activités prioritaires."),
    ),
    time_bound(
        "1.31", "SO4",
        ("Develop, in cooperation with the United Nations Environment Programme, practical guidance for Customs on the control of trade in ozone-depleting substances and their alternatives.",
         "Élaborer, en coopération avec le Programme des Nations Unies pour l’environnement, des orientations pratiques à l’intention de la douane sur le contrôle du commerce des substances qui appauvrissent la couche d’ozone et de leurs produits de remplacement."),
        ("Joint practical guidance on ozone-depleting substances",
         "Orientations pratiques conjointes sur les substances qui appauvrissent la couche d’ozone"),
        "2023-2025", SEC, "pending",
        ("The partner organization’s review of its own training material has delayed the joint work. Drafting will resume once that review is completed.",
         "Le réexamen par l’organisation partenaire de ses propres supports de formation a retardé les travaux conjoints. La rédaction reprendra à l’issue de ce réexamen."),
    ),
    time_bound(
        "1.32", "SO1",
        ("Develop guidance on the electronic processing of ATA carnets and other temporary admission procedures.",
         "Élaborer des orientations sur le traitement électronique des carnets ATA et des autres procédures d’admission temporaire."),
        ("Guidance on electronic temporary admission",
         "Orientations sur l’admission temporaire électronique"),
        date(2024, 12, 31), PTC_SEC, "pending",
        ("The work depends on the pilot of the electronic ATA carnet, which has been extended until the end of 2025. It is proposed to carry this activity over to the 2025-2028 Work Programme; it now also covers goods for international exhibitions and events, previously activity 1.43.",
         "Les travaux dépendent du projet pilote de carnet ATA électronique, qui a été prolongé jusqu’à la fin de 2025. Il est proposé de reporter cette activité sur le Programme de travail 2025-2028 ; elle couvre désormais également les marchandises destinées aux expositions et manifestations internationales, qui faisaient l’objet de l’activité 1.43."),
    ),
    time_bound(
        "1.33", "SO2",
        ("Prepare a study on the use of application programming interfaces (APIs) for data exchange between Customs and traders.",
         "Réaliser une étude sur l’utilisation des interfaces de programmation d’applications (API) pour l’échange de données entre la douane et les opérateurs."),
        ("Study on API-based data exchange",
         "Étude sur l’échange de données au moyen d’API"),
        date(2024, 6, 30), SEC, "pending",
        ("The study was put on hold pending the outcome of the Data Model Projects Team’s work on API specifications.",
         "L’étude a été suspendue dans l’attente des résultats des travaux de l’Équipe de projet chargée du Modèle de données sur les spécifications des API."),
    ),
    time_bound(
        "1.34", "SO3",
        ("Develop guidance on trusted trader arrangements for postal operators and express carriers.",
         "Élaborer des orientations sur les dispositifs d’opérateurs de confiance applicables aux opérateurs postaux et aux transporteurs express."),
        ("Guidance on trusted trader arrangements for postal and express operators",
         "Orientations sur les dispositifs d’opérateurs de confiance pour les opérateurs postaux et express"),
        "2024-2025", PTC_SEC, "pending",
        ("Work has been deferred until the review of the Immediate Release Guidelines is completed.",
         "Les travaux ont été différés jusqu’à l’achèvement du réexamen des Lignes directrices relatives à la mainlevée immédiate."),
    ),
    time_bound(
        "1.35", "SO4",
        ("Develop an e-learning module on the clearance of relief consignments, in cooperation with humanitarian partners.",
         "Élaborer un module d’apprentissage en ligne sur le dédouanement des envois de secours, en coopération avec les partenaires humanitaires."),
        ("E-learning module on relief consignments",
         "Module d’apprentissage en ligne sur les envois de secours"),
        date(2024, 12, 31), SEC, "completed",
        ("An outline of the module was prepared with humanitarian partners. The module was launched on the WCO e-learning platform in November 2024 and is available in English, French and Spanish.",
         "Les grandes lignes du module ont été établies avec les partenaires humanitaires. Le module a été mis en ligne sur la plateforme d’apprentissage en ligne de l’OMD en novembre 2024 et est disponible en anglais, en espagnol et en français."),
    ),
    time_bound(
        "1.36", "SO1",
        ("Develop, with the International Civil Aviation Organization, guidance on pre-arrival processing of air cargo.",
         "Élaborer, avec l’Organisation de l’aviation civile internationale, des orientations sur le traitement avant l’arrivée du fret aérien."),
        ("Joint guidance on pre-arrival processing of air cargo",
         "Orientations conjointes sur le traitement avant l’arrivée du fret aérien"),
        date(2023, 12, 31), SEC, "pending",
        ("The joint working group gave priority to advance cargo information for security purposes; the guidance on pre-arrival processing will be taken up once that work is finalized.",
         "Le groupe de travail conjoint a donné la priorité aux informations préalables sur les marchandises à des fins de sûreté ; les orientations sur le traitement avant l’arrivée seront examinées une fois ces travaux achevés."),
    ),
    time_bound(
        "1.37", "SO2",
        ("Compile national practices in the electronic payment of duties, taxes and fees.",
         "Recenser les pratiques nationales en matière de paiement électronique des droits, taxes et redevances."),
        ("Compendium on electronic payment",
         "Recueil sur le paiement électronique"),
        "2023-2025", SEC_MEMBERS, "ongoing",
        ("Contributions from 31 Members have been received and analysed. The Compendium will be published by June 2025.",
         "Les contributions de 31 Membres ont été reçues et analysées. Le Recueil sera publié d’ici juin 2025."),
    ),
    time_bound(
        "1.38", "SO3",
        ("Develop guidance on cooperation between Customs and port community systems, including data sharing arrangements.",
         "Élaborer des orientations sur la coopération entre la douane et les systèmes communautaires portuaires, notamment les modalités de partage des données."),
        ("Guidance on Customs and port community systems",
         "Orientations sur la douane et les systèmes communautaires portuaires"),
        date(2025, 3, 31), SEC, "pending",
        ("A joint approach with the International Maritime Organization is being explored before drafting starts.",
         "Une approche conjointe avec l’Organisation maritime internationale est à l’étude avant le début de la rédaction."),
    ),
    time_bound(
        "1.39", "SO4",
        ("Define a set of indicators to measure the contribution of Customs to environmental sustainability.",
         "Définir un ensemble d’indicateurs permettant de mesurer la contribution de la douane à la durabilité environnementale."),
        ("Set of Green Customs indicators",
         "Ensemble d’indicateurs « douane verte »"),
        "2024-2025", PTC_SEC, "pending",
        ("The indicators will be developed once the guidelines under activity 1.17 are available.",
         "Les indicateurs seront élaborés une fois que les lignes directrices prévues au titre de l’activité 1.17 seront disponibles."),
    ),
    time_bound(
        "1.40", "SO1",
        ("Publish a global summary of the Time Release Studies carried out by Members, highlighting the main bottlenecks and the measures taken.",
         "Publier une synthèse mondiale des études sur le temps nécessaire pour la mainlevée réalisées par les Membres, en mettant en évidence les principaux goulets d’étranglement et les mesures prises."),
        ("Global Time Release Study summary report",
         "Rapport de synthèse mondial sur les études du temps nécessaire pour la mainlevée"),
        "2024-2025", SEC, "ongoing",
        ("Members were invited to share their recent studies in March 2024. Results from 37 studies have been compiled and the report will be published in June 2025.",
         "Les Membres ont été invités à communiquer leurs études récentes en mars 2024. Les résultats de 37 études ont été compilés et le rapport sera publié en juin 2025."),
    ),
    time_bound(
        "1.41", "SO2",
        ("Revise the Immediate Release Guidelines to take account of current express and e-commerce business models.",
         "Réviser les Lignes directrices relatives à la mainlevée immédiate afin de tenir compte des modèles d’affaires actuels du secteur express et du commerce électronique."),
        ("Revised Immediate Release Guidelines",
         "Lignes directrices révisées relatives à la mainlevée immédiate"),
        date(2024, 12, 31), PTC_SEC, "pending",
        ("A first exchange of views took place in the PTC in October 2023. The revision will be completed after the review of the E-Commerce Technical Specifications (activity 1.8).",
         "Un premier échange de vues a eu lieu au sein du CTP en octobre 2023. La révision sera achevée après le réexamen des spécifications techniques relatives au commerce électronique (activité 1.8)."),
    ),
    time_bound(
        "1.42", "SO3",
        ("Carry out a study on Members’ practices regarding travellers’ duty and tax allowances, with a view to greater harmonization.",
         "Réaliser une étude sur les pratiques des Membres en matière de franchises de droits et taxes accordées aux voyageurs, en vue d’une plus grande harmonisation."),
        ("Study on travellers’ allowances",
         "Étude sur les franchises accordées aux voyageurs"),
        date(2025, 6, 30), SEC, "pending",
        ("A questionnaire has been prepared but not yet circulated, owing to competing priorities.",
         "Un questionnaire a été préparé mais n’a pas encore été diffusé, en raison d’autres priorités."),
    ),
]


# ==========================================================================
# Work Programme 2022-2025, Part II: ongoing activities (March 2025)
# ==========================================================================
CURRENT_PART_II: list[Row] = [
    ongoing(
        "2.1", "SO1",
        ("Promote accession to the Revised Kyoto Convention and support Contracting Parties in implementing it.",
         "Promouvoir l’adhésion à la Convention de Kyoto révisée et aider les Parties contractantes à la mettre en œuvre."),
        ("Three new Contracting Parties have acceded to the Convention since 2022, bringing the total to 138. Regional workshops on the General Annex were held in Africa and in the Americas.",
         "Trois nouvelles Parties contractantes ont adhéré à la Convention depuis 2022, ce qui porte leur nombre total à 138. Des ateliers régionaux consacrés à l’Annexe générale ont été organisés en Afrique et dans les Amériques."),
    ),
    ongoing(
        "2.2", "SO1",
        ("Support Members in implementing the WTO Trade Facilitation Agreement, in particular through the Mercator Programme.",
         "Aider les Membres à mettre en œuvre l’Accord de l’OMC sur la facilitation des échanges, notamment dans le cadre du Programme Mercator."),
        ("Tailored support was provided to 25 Members, mainly on release times, AEO programmes and Single Window. Overall implementation of the Customs-related provisions of the Agreement now exceeds 75 % among WTO Members.",
         "Un appui sur mesure a été apporté à 25 Membres, principalement en matière de délais de mainlevée, de programmes OEA et de guichet unique. Le taux global de mise en œuvre des dispositions de l’Accord relevant de la douane dépasse désormais 75 % parmi les Membres de l’OMC."),
    ),
    ongoing(
        "2.3", "SO1",
        ("Support Members in conducting Time Release Studies and in using their results to reduce release times.",
         "Aider les Membres à réaliser des études sur le temps nécessaire pour la mainlevée et à en exploiter les résultats pour réduire les délais de mainlevée."),
        ("The Secretariat supported nine studies in 2023 and 2024. In two of them, physical inspections now concern < 5 % of declarations, against more than 20 % before the reforms.",
         "Le Secrétariat a apporté son appui à neuf études en 2023 et 2024. Dans deux d’entre elles, les contrôles physiques portent désormais sur < 5 % des déclarations, contre plus de 20 % avant les réformes."),
    ),
    ongoing(
        "2.4", "SO1",
        ("Promote the Transit Guidelines and support the development of regional transit systems and their interconnection.",
         "Promouvoir les Lignes directrices sur le transit et appuyer le développement des régimes de transit régionaux et leur interconnexion."),
        ("The Secretariat took part in the work of three regional economic communities on the interconnection of their transit systems. Members shared their experience of electronic cargo tracking at the PTC in October 2023.",
         "Le Secrétariat a participé aux travaux de trois communautés économiques régionales sur l’interconnexion de leurs régimes de transit. Les Membres ont partagé leur expérience des systèmes électroniques de suivi des marchandises lors de la session du CTP d’octobre 2023."),
    ),
    ongoing(
        "2.5", "SO1",
        ("Share Members’ practices on Customs control and facilitation in free zones.",
         "Partager les pratiques des Membres en matière de contrôle douanier et de facilitation dans les zones franches."),
        ("A panel on free zones and e-commerce was held at the PTC in April 2023. Members continue to report their practices through the free zones survey.",
         "Un panel consacré aux zones franches et au commerce électronique a été organisé lors de la session du CTP d’avril 2023. Les Membres continuent de communiquer leurs pratiques dans le cadre de l’enquête sur les zones franches."),
    ),
    ongoing(
        "2.6", "SO1",
        ("Examine questions raised by Members on the interpretation and application of the Revised Kyoto Convention.",
         "Examiner les questions soulevées par les Membres concernant l’interprétation et l’application de la Convention de Kyoto révisée."),
        ("Four questions were examined, concerning temporary storage, authorized consignees and the use of guarantees.",
         "Quatre questions ont été examinées ; elles portaient sur le dépôt temporaire, les destinataires agréés et le recours aux garanties."),
    ),
    ongoing(
        "2.7", "SO1",
        ("Promote the Guidelines on Post-Clearance Audit and share Members’ experience of audit-based controls.",
         "Promouvoir les Lignes directrices sur le contrôle a posteriori et partager l’expérience des Membres en matière de contrôles fondés sur l’audit."),
        ("Two regional workshops on post-clearance audit were organized, and a case study on the audit of e-commerce platforms was presented to the PTC.",
         "Deux ateliers régionaux sur le contrôle a posteriori ont été organisés et une étude de cas sur l’audit des plateformes de commerce électronique a été présentée au CTP."),
    ),
    ongoing(
        "2.8", "SO1",
        ("Cooperate with the WTO Committee on Trade Facilitation and report to the PTC on relevant developments.",
         "Coopérer avec le Comité de la facilitation des échanges de l’OMC et rendre compte au CTP des faits nouveaux pertinents."),
        ("The Secretariat attended all meetings of the Committee as an observer and reported to each PTC session. Contributions were made to the Committee’s review of the Agreement.",
         "Le Secrétariat a assisté à toutes les réunions du Comité en qualité d’observateur et a rendu compte au CTP à chacune de ses sessions. Des contributions ont été apportées à l’examen de l’Accord mené par le Comité."),
    ),
    ongoing(
        "2.9", "SO1",
        ("Cooperate with the United Nations Economic Commission for Europe, UNCTAD and other organizations on trade facilitation instruments.",
         "Coopérer avec la Commission économique des Nations Unies pour l’Europe, la CNUCED et d’autres organisations sur les instruments de facilitation des échanges."),
        ("The Secretariat contributed to the joint UN global survey on digital and sustainable trade facilitation and to several joint capacity building events.",
         "Le Secrétariat a contribué à l’enquête mondiale conjointe des Nations Unies sur la facilitation du commerce numérique et durable ainsi qu’à plusieurs activités conjointes de renforcement des capacités."),
    ),
    ongoing(
        "2.10", "SO1",
        ("Monitor the application of the Immediate Release Guidelines for express consignments.",
         "Suivre l’application des Lignes directrices relatives à la mainlevée immédiate des envois express."),
        ("Information on the application of the Guidelines was collected from 22 Members and will inform their revision (activity 1.41).",
         "Des informations sur l’application des Lignes directrices ont été recueillies auprès de 22 Membres et serviront de base à leur révision (activité 1.41)."),
    ),
    ongoing(
        "2.11", "SO2",
        ("Maintain the WCO Data Model through its annual release cycle and support its implementation by Members.",
         "Assurer la maintenance du Modèle de données de l’OMD dans le cadre de son cycle annuel de publication et en appuyer la mise en œuvre par les Membres."),
        ("Two new releases were published, adding the data required for AEO mutual recognition and for e-commerce. The Data Model Projects Team met four times a year.",
         "Deux nouvelles versions ont été publiées, qui intègrent les données requises pour la reconnaissance mutuelle des OEA et pour le commerce électronique. L’Équipe de projet chargée du Modèle de données s’est réunie quatre fois par an."),
    ),
    ongoing(
        "2.12", "SO2",
        ("Promote the development of Single Window environments and share Members’ experience, notably through the Virtual Working Group on Single Window.",
         "Promouvoir le développement des environnements de guichet unique et partager l’expérience des Membres, notamment par l’intermédiaire du Groupe de travail virtuel sur le guichet unique."),
        ("The Virtual Working Group met six times and now has 64 participating Members.\n"
         "A global Single Window survey was launched in September 2024; preliminary results will be presented to the PTC in May 2025.",
         "Le Groupe de travail virtuel s’est réuni six fois et compte désormais 64 Membres participants.\n"
         "Une enquête mondiale sur le guichet unique a été lancée en septembre 2024 ; les résultats préliminaires seront présentés au CTP en mai 2025."),
    ),
    ongoing(
        "2.13", "SO2",
        ("Monitor and support the implementation of the Framework of Standards on Cross-Border E-Commerce.",
         "Suivre et appuyer la mise en œuvre du Cadre de normes sur le commerce électronique transfrontalier."),
        ("An implementation survey was completed by 78 Members. Results show progress in advance electronic data and risk management, while revenue collection on low-value consignments remains a challenge.",
         "Au total, 78 Membres ont répondu à une enquête sur la mise en œuvre. Les résultats font apparaître des progrès en matière de données électroniques préalables et de gestion des risques, tandis que la perception des recettes sur les envois de faible valeur demeure un défi."),
    ),
    ongoing(
        "2.14", "SO2",
        ("Share Members’ experience in managing e-commerce flows, including cooperation with online marketplaces and postal operators.",
         "Partager l’expérience des Membres en matière de gestion des flux du commerce électronique, notamment la coopération avec les places de marché en ligne et les opérateurs postaux."),
        ("Members presented their cooperation arrangements with online marketplaces at the PTC in April 2023 and October 2023.",
         "Les Membres ont présenté leurs accords de coopération avec les places de marché en ligne lors des sessions du CTP d’avril 2023 et d’octobre 2023."),
    ),
    ongoing(
        "2.15", "SO2",
        ("Follow developments in emerging technologies, such as distributed ledgers and the Internet of Things, and their potential for trade facilitation.",
         "Suivre l’évolution des technologies émergentes, telles que les registres distribués et l’Internet des objets, et leur potentiel en matière de facilitation des échanges."),
        ("The Secretariat maintains contacts with academic and R&D partners and presented an overview of blockchain-based trade platforms to the PTC in October 2023.",
         "Le Secrétariat entretient des contacts avec des partenaires universitaires et de R&D et a présenté au CTP, en octobre 2023, un panorama des plateformes commerciales fondées sur la chaîne de blocs."),
    ),
    ongoing(
        "2.16", "SO2",
        ("Promote Customs-to-Customs electronic data exchange using the Globally Networked Customs approach.",
         "Promouvoir l’échange électronique de données entre administrations douanières selon l’approche de la douane en réseau mondial."),
        ("Two new utility blocks, on transit and on AEO data, were made available to Members.",
         "Deux nouveaux blocs utilitaires, consacrés au transit et aux données relatives aux OEA, ont été mis à la disposition des Membres."),
    ),
    ongoing(
        "2.17", "SO2",
        ("Support Members in the digital transformation of Customs procedures, including paperless clearance.",
         "Accompagner les Membres dans la transformation numérique des procédures douanières, y compris le dédouanement sans papier."),
        ("Diagnostic missions on paperless clearance were carried out in five Members. A compendium of practices on the acceptance of electronic documents is being prepared.",
         "Des missions de diagnostic sur le dédouanement sans papier ont été menées auprès de cinq Membres. Un recueil de pratiques sur l’acceptation des documents électroniques est en cours d’élaboration."),
    ),
    ongoing(
        "2.18", "SO2",
        ("Promote the electronic exchange of certificates, such as e-Phyto certificates, electronic CITES permits and electronic certificates of origin.",
         "Promouvoir l’échange électronique de certificats, tels que les certificats phytosanitaires électroniques (e-Phyto), les permis CITES électroniques et les certificats d’origine électroniques."),
        ("The Secretariat cooperated with the International Plant Protection Convention and the CITES Secretariat on connecting their hubs to national Single Windows.",
         "Le Secrétariat a coopéré avec la Convention internationale pour la protection des végétaux et le Secrétariat de la CITES en vue de connecter leurs plateformes aux guichets uniques nationaux."),
    ),
    ongoing(
        "2.19", "SO2",
        ("Cooperate with UN/CEFACT, ISO and other standard-setting bodies to keep data standards aligned.",
         "Coopérer avec le CEFACT-ONU, l’ISO et d’autres organismes de normalisation afin de maintenir l’harmonisation des normes relatives aux données."),
        ("Alignment between the WCO Data Model and the UN/CEFACT reference data model was reviewed and 40 code lists were harmonized.",
         "La concordance entre le Modèle de données de l’OMD et le modèle de données de référence du CEFACT-ONU a été réexaminée et 40 listes de codes ont été harmonisées."),
    ),
    ongoing(
        "2.20", "SO2",
        ("Cooperate with the Universal Postal Union on electronic advance data for postal items, through the WCO-UPU Contact Committee.",
         "Coopérer avec l’Union postale universelle en matière de données électroniques préalables sur les envois postaux, par l’intermédiaire du Comité de contact OMD-UPU."),
        ("The Contact Committee updated the joint messaging standards for postal items. Joint guidance on postal e-commerce was published in 2023.",
         "Le Comité de contact a actualisé les normes communes de messagerie applicables aux envois postaux. Des orientations conjointes sur le commerce électronique postal ont été publiées en 2023."),
    ),
    ongoing(
        "2.21", "SO3",
        ("Promote the implementation of AEO programmes and the conclusion of mutual recognition arrangements.",
         "Promouvoir la mise en œuvre des programmes d’OEA et la conclusion d’accords de reconnaissance mutuelle."),
        ("The number of operational AEO programmes rose to 97 and that of mutual recognition arrangements to 98.\n"
         "Regional AEO workshops were held in Asia/Pacific and in West and Central Africa.",
         "Le nombre de programmes OEA opérationnels est passé à 97 et celui des accords de reconnaissance mutuelle à 98.\n"
         "Des ateliers régionaux sur les OEA ont été organisés dans la région Asie/Pacifique et en Afrique occidentale et centrale."),
    ),
    ongoing(
        "2.22", "SO3",
        ("Support the work of the SAFE Working Group and the implementation of the SAFE Framework of Standards.",
         "Appuyer les travaux du Groupe de travail SAFE et la mise en œuvre du Cadre de normes SAFE."),
        ("The SAFE Working Group met twice a year, jointly with the Private Sector Consultative Group. In October 2024 it adopted a work plan for the evaluation of the 2021 edition.",
         "Le Groupe de travail SAFE s’est réuni deux fois par an, conjointement avec le Groupe consultatif du secteur privé. En octobre 2024, il a adopté un plan de travail relatif à l’évaluation de l’édition 2021."),
    ),
    ongoing(
        "2.23", "SO3",
        ("Promote Coordinated Border Management and the sharing of practices among border agencies.",
         "Promouvoir la gestion coordonnée des frontières et le partage de pratiques entre les services présents aux frontières."),
        ("A joint session with border agencies on shared risk management was held at the PTC in April 2023.",
         "Une session conjointe avec les services présents aux frontières, consacrée à la gestion partagée des risques, a été organisée lors de la session du CTP d’avril 2023."),
    ),
    ongoing(
        "2.24", "SO3",
        ("Strengthen dialogue with the private sector, in particular through the Private Sector Consultative Group.",
         "Renforcer le dialogue avec le secteur privé, en particulier par l’intermédiaire du Groupe consultatif du secteur privé."),
        ("The Private Sector Consultative Group contributed to each PTC session, notably on e-commerce, AEO and digitalization.",
         "Le Groupe consultatif du secteur privé a contribué à chaque session du CTP, notamment sur le commerce électronique, les OEA et la numérisation."),
    ),
    ongoing(
        "2.25", "SO3",
        ("Promote measures that make it easier for micro, small and medium-sized enterprises to take part in international trade.",
         "Promouvoir des mesures facilitant la participation des micro, petites et moyennes entreprises au commerce international."),
        ("The MSME guidance (activity 1.16) was presented at four regional events. Several Members have introduced simplified procedures and help desks for MSMEs.",
         "Les orientations relatives aux MPME (activité 1.16) ont été présentées lors de quatre manifestations régionales. Plusieurs Membres ont mis en place des procédures simplifiées et des services d’assistance à l’intention des MPME."),
    ),
    ongoing(
        "2.26", "SO3",
        ("Facilitate the movement of travellers, including through the use of Advance Passenger Information and Passenger Name Record data.",
         "Faciliter les déplacements des voyageurs, notamment grâce à l’utilisation des renseignements préalables concernant les voyageurs et des données des dossiers passagers."),
        ("The PNRGOV message standard was maintained jointly with IATA and ICAO.\n"
         "A workshop on seamless travel and the use of biometrics at borders was held in September 2024.",
         "La norme de message PNRGOV a été tenue à jour conjointement avec l’IATA et l’OACI.\n"
         "Un atelier consacré aux voyages sans discontinuité et à l’utilisation de la biométrie aux frontières s’est tenu en septembre 2024."),
    ),
    ongoing(
        "2.27", "SO3",
        ("Cooperate with the International Civil Aviation Organization on the security and facilitation of air cargo, including through the joint working group on advance cargo information.",
         "Coopérer avec l’Organisation de l’aviation civile internationale en matière de sûreté et de facilitation du fret aérien, notamment au sein du groupe de travail conjoint sur les informations préalables concernant les marchandises."),
        ("The joint working group updated its guidance on pre-loading advance cargo information and held a joint workshop with industry.",
         "Le groupe de travail conjoint a actualisé ses orientations relatives aux informations préalables sur les marchandises avant chargement et a organisé un atelier commun avec le secteur."),
    ),
    ongoing(
        "2.28", "SO3",
        ("Cooperate with the International Maritime Organization on maritime facilitation, including maritime single windows under the FAL Convention.",
         "Coopérer avec l’Organisation maritime internationale en matière de facilitation du transport maritime, notamment les guichets uniques maritimes prévus par la Convention FAL."),
        ("The Secretariat contributed to the IMO Facilitation Committee’s work on the mandatory maritime single window, which applies from January 2024.",
         "Le Secrétariat a contribué aux travaux du Comité de la simplification des formalités de l’OMI sur le guichet unique maritime obligatoire, applicable depuis janvier 2024."),
    ),
    ongoing(
        "2.29", "SO3",
        ("Cooperate with the International Road Transport Union and other partners on the facilitation of road transport and transit.",
         "Coopérer avec l’Union internationale des transports routiers et d’autres partenaires en matière de facilitation du transport routier et du transit."),
        ("Joint activities focused on electronic transit documents and on the digitalization of the TIR procedure. A joint webinar on digital transit corridors was held in November 2024.",
         "Les activités conjointes ont porté sur les documents de transit électroniques et sur la dématérialisation de la procédure TIR. Un webinaire commun sur les corridors de transit numériques s’est tenu en novembre 2024."),
    ),
    ongoing(
        "2.30", "SO3",
        ("Support regional economic communities in their border facilitation initiatives.",
         "Appuyer les communautés économiques régionales dans leurs initiatives de facilitation aux frontières."),
        ("The Secretariat supported the development of regional AEO and transit programmes in three regional economic communities.",
         "Le Secrétariat a appuyé l’élaboration de programmes régionaux d’OEA et de transit au sein de trois communautés économiques régionales."),
    ),
    ongoing(
        "2.31", "SO3",
        ("Promote the Customs-Business Partnership Guidance and the regular consultation of traders.",
         "Promouvoir les Orientations sur le partenariat douane-entreprises et la consultation régulière des opérateurs."),
        ("The Compendium of partnership practices (activity 1.23) was widely disseminated and presented at the PTC in October 2023.",
         "Le Recueil de pratiques de partenariat (activité 1.23) a fait l’objet d’une large diffusion et a été présenté lors de la session du CTP d’octobre 2023."),
    ),
    ongoing(
        "2.32", "SO4",
        ("Support Members’ contribution to environmental protection and sustainable trade (Green Customs).",
         "Appuyer la contribution des Membres à la protection de l’environnement et au commerce durable (douane verte)."),
        ("Green Customs was the theme of a dedicated PTC session in October 2023. A Green Customs webpage presenting tools and Members’ practices was launched in 2024.",
         "La douane verte a fait l’objet d’une session thématique du CTP en octobre 2023. Une page Web consacrée à la douane verte, présentant des outils et des pratiques des Membres, a été mise en ligne en 2024."),
    ),
    ongoing(
        "2.33", "SO4",
        ("Promote the Council Resolution on the role of Customs in natural disaster relief and keep the list of national contact points up to date.",
         "Promouvoir la Résolution du Conseil sur le rôle de la douane lors des catastrophes naturelles et tenir à jour la liste des points de contact nationaux."),
        ("The list of contact points now covers 121 Members. The Secretariat helped affected Members to clear relief consignments after several major earthquakes and floods.",
         "La liste des points de contact couvre désormais 121 Membres. Le Secrétariat a aidé les Membres touchés à dédouaner les envois de secours à la suite de plusieurs séismes et inondations de grande ampleur."),
    ),
    ongoing(
        "2.34", "SO4",
        ("Cooperate with the UN Office for the Coordination of Humanitarian Affairs and humanitarian partners on the facilitation of relief consignments.",
         "Coopérer avec le Bureau de la coordination des affaires humanitaires des Nations Unies et les partenaires humanitaires en matière de facilitation des envois de secours."),
        ("The Secretariat took part in joint simulation exercises and contributed to the work on the model agreement on Customs facilitation in humanitarian operations.",
         "Le Secrétariat a participé à des exercices de simulation conjoints et a contribué aux travaux relatifs à l’accord type sur la facilitation douanière des opérations humanitaires."),
    ),
    ongoing(
        "2.35", "SO4",
        ("Share practices on business continuity and supply chain resilience during crises.",
         "Partager les pratiques en matière de continuité des activités et de résilience des chaînes logistiques en période de crise."),
        ("Members shared lessons learnt from recent disruptions of maritime routes at the PTC in October 2023.",
         "Les Membres ont partagé les enseignements tirés des récentes perturbations des routes maritimes lors de la session du CTP d’octobre 2023."),
    ),
    ongoing(
        "2.36", "SO4",
        ("Facilitate the cross-border movement of medicines, vaccines and medical supplies.",
         "Faciliter la circulation transfrontalière des médicaments, des vaccins et des fournitures médicales."),
        ("The list of priority medical supplies and the related classification references were kept up to date in cooperation with partner organizations.",
         "La liste des fournitures médicales prioritaires et les références de classement correspondantes ont été tenues à jour en coopération avec les organisations partenaires."),
    ),
    ongoing(
        "2.37", "SO4",
        ("Cooperate with the secretariats of multilateral environmental agreements, such as the Basel, Rotterdam and Stockholm Conventions and CITES.",
         "Coopérer avec les secrétariats des accords multilatéraux sur l’environnement, tels que les Conventions de Bâle, de Rotterdam et de Stockholm et la CITES."),
        ("The Secretariat took part in the Green Customs Initiative and contributed to joint awareness material on trade in plastic waste.",
         "Le Secrétariat a participé à l’Initiative Douanes vertes et a contribué à des supports de sensibilisation communs sur le commerce des déchets plastiques."),
    ),
    ongoing(
        "2.38", "SO4",
        ("Facilitate trade in food and agricultural products, in particular perishable goods, to support food security.",
         "Faciliter le commerce des produits alimentaires et agricoles, en particulier des denrées périssables, afin de contribuer à la sécurité alimentaire."),
        ("Members shared measures for the expedited release of perishable goods, in line with Article 7.9 of the Trade Facilitation Agreement.",
         "Les Membres ont partagé les mesures prises pour accélérer la mainlevée des denrées périssables, conformément à l’article 7.9 de l’Accord sur la facilitation des échanges."),
    ),
    ongoing(
        "2.39", "SO4",
        ("Follow developments related to carbon border adjustment mechanisms and their implications for Customs procedures.",
         "Suivre l’évolution des mécanismes d’ajustement carbone aux frontières et leurs incidences sur les procédures douanières."),
        ("A first exchange of views took place at the PTC in October 2023. A Member presented its experience of the transitional reporting period in October 2024.",
         "Un premier échange de vues a eu lieu lors de la session du CTP d’octobre 2023. Un Membre a présenté son expérience de la période transitoire de déclaration en octobre 2024."),
    ),
    ongoing(
        "2.40", "SO4",
        ("Follow developments in the circular economy and in trade in second-hand and remanufactured goods.",
         "Suivre l’évolution de l’économie circulaire et du commerce des marchandises d’occasion et remanufacturées."),
        ("The Secretariat monitors related work in other international organizations; see also activity 1.9.",
         "Le Secrétariat suit les travaux menés en la matière par d’autres organisations internationales ; voir également l’activité 1.9."),
    ),
    ongoing(
        "2.41", "SO1",
        ("Promote performance measurement tools for trade facilitation, including the Time Release Study and relevant indicators.",
         "Promouvoir les outils de mesure de la performance en matière de facilitation des échanges, notamment l’Étude sur le temps nécessaire pour la mainlevée et les indicateurs pertinents."),
        ("Facilitation indicators were included in the WCO’s performance measurement work and presented to Members at regional events.",
         "Des indicateurs de facilitation ont été intégrés aux travaux de l’OMD sur la mesure de la performance et présentés aux Membres lors de manifestations régionales."),
    ),
    ongoing(
        "2.42", "SO1",
        ("Keep the facilitation tools formerly grouped in the Economic Competitiveness Package up to date and easy to find on the WCO website.",
         "Tenir à jour les outils de facilitation précédemment regroupés dans le Dossier compétitivité économique et en faciliter l’accès sur le site Web de l’OMD."),
        ("The facilitation pages of the website were restructured by theme. Outdated documents were archived and 15 tools were updated.",
         "Les pages du site Web consacrées à la facilitation ont été restructurées par thème. Les documents obsolètes ont été archivés et 15 outils ont été mis à jour."),
    ),
    ongoing(
        "2.43", "SO1",
        ("Report to the Policy Commission and the Council on the work of the PTC.",
         "Rendre compte des travaux du CTP à la Commission de politique générale et au Conseil."),
        ("Reports on each PTC session were submitted to the Policy Commission and the Council as scheduled.",
         "Les rapports relatifs à chaque session du CTP ont été soumis à la Commission de politique générale et au Conseil dans les délais prévus."),
    ),
    ongoing(
        "2.44", "SO2",
        ("Support Members in aligning their national data requirements with the WCO Data Model.",
         "Aider les Membres à aligner leurs exigences nationales en matière de données sur le Modèle de données de l’OMD."),
        ("Mapping support was provided to 12 Members, and an online training course on the Data Model was made available on the WCO e-learning platform.",
         "Un appui à la mise en correspondance a été fourni à 12 Membres et un cours de formation en ligne sur le Modèle de données a été mis à disposition sur la plateforme d’apprentissage en ligne de l’OMD."),
    ),
    ongoing(
        "2.45", "SO1",
        ("Promote the publication of Customs information and the establishment of enquiry points, in line with Article 1 of the Trade Facilitation Agreement.",
         "Promouvoir la publication des informations douanières et la mise en place de points d’information, conformément à l’article 1 de l’Accord sur la facilitation des échanges."),
        ("A checklist on the content of Customs websites was shared with Members, together with examples of trade information portals.",
         "Une liste de contrôle relative au contenu des sites Web des douanes a été communiquée aux Membres, accompagnée d’exemples de portails d’information commerciale."),
    ),
    ongoing(
        "2.46", "SO1",
        ("Share Members’ practices on simplified procedures for authorized operators, such as self-assessment and periodic declarations.",
         "Partager les pratiques des Membres relatives aux procédures simplifiées accordées aux opérateurs agréés, telles que l’auto-évaluation et les déclarations périodiques."),
        ("Practices from 18 Members were compiled in a working document presented to the PTC in October 2023.",
         "Les pratiques de 18 Membres ont été réunies dans un document de travail présenté au CTP en octobre 2023."),
    ),
    ongoing(
        "2.47", "SO3",
        ("Facilitate cross-border trade by small-scale traders at land borders, including through simplified trade regimes.",
         "Faciliter le commerce transfrontalier des petits commerçants aux frontières terrestres, notamment au moyen de régimes commerciaux simplifiés."),
        ("Members from Africa and Asia shared their experience of simplified trade regimes; information desks for small traders were set up at several border posts. A regional workshop on small-scale cross-border trade was held in Nairobi in June 2024.",
         "Des Membres d’Afrique et d’Asie ont partagé leur expérience des régimes commerciaux simplifiés ; des bureaux d’information destinés aux petits commerçants ont été installés à plusieurs postes frontières. Un atelier régional sur le petit commerce transfrontalier s’est tenu à Nairobi en juin 2024."),
    ),
    ongoing(
        "2.48", "SO2",
        ("Follow the development of electronic trade documents, such as electronic bills of lading, and their acceptance by Customs.",
         "Suivre l’évolution des documents commerciaux électroniques, tels que les connaissements électroniques, et leur acceptation par la douane."),
        ("The Secretariat followed the implementation of the UNCITRAL Model Law on Electronic Transferable Records. Several Members reported that they accept electronic bills of lading in clearance.",
         "Le Secrétariat a suivi la mise en œuvre de la Loi type de la CNUDCI sur les documents transférables électroniques. Plusieurs Membres ont indiqué qu’ils acceptent les connaissements électroniques lors du dédouanement."),
    ),
    ongoing(
        "2.49", "SO1",
        ("Support the participation of Customs in National Trade Facilitation Committees.",
         "Appuyer la participation de la douane aux comités nationaux de la facilitation des échanges."),
        ("Guidance on the role of Customs in these committees was promoted at regional workshops co-organized with partner organizations.",
         "Des orientations sur le rôle de la douane au sein de ces comités ont été promues lors d’ateliers régionaux organisés conjointement avec les organisations partenaires."),
    ),
    ongoing(
        "2.50", "SO1",
        ("Cooperate with development partners, such as the World Bank Group, UNCTAD and the International Trade Centre, on trade facilitation support.",
         "Coopérer avec les partenaires du développement, tels que le Groupe de la Banque mondiale, la CNUCED et le Centre du commerce international, en matière d’appui à la facilitation des échanges."),
        ("Joint projects were coordinated to avoid duplication, in particular for support to TFA implementation in least-developed countries.",
         "Les projets conjoints ont été coordonnés afin d’éviter les doubles emplois, en particulier pour l’appui à la mise en œuvre de l’AFE dans les pays les moins avancés."),
    ),
    ongoing(
        "2.51", "SO4",
        ("Share Members’ practices on sustainable border infrastructure, including the use of renewable energy at border crossing points.",
         "Partager les pratiques des Membres en matière d’infrastructures frontalières durables, notamment l’utilisation des énergies renouvelables aux points de passage frontaliers."),
        ("Three Members presented solar-powered border posts and energy-efficient non-intrusive inspection facilities.",
         "Trois Membres ont présenté des postes frontières alimentés à l’énergie solaire et des installations d’inspection non intrusive économes en énergie."),
    ),
    ongoing(
        "2.52", "SO2",
        ("Share Members’ experience in using artificial intelligence for risk-based release, as requested by the PTC in April 2024.",
         "Partager l’expérience des Membres en matière d’utilisation de l’intelligence artificielle pour la mainlevée fondée sur les risques, comme l’a demandé le CTP en avril 2024."),
        ("Six use cases were presented at the PTC in October 2024, followed by a Q&A session with technology providers. A summary of lessons learnt will be presented in May 2025.",
         "Six cas d’utilisation ont été présentés lors de la session du CTP d’octobre 2024 ; ils ont été suivis d’une séance de questions-réponses avec des fournisseurs de technologies. Une synthèse des enseignements tirés sera présentée en mai 2025."),
    ),
]


# ==========================================================================
# What changed since the progress report of April 2024 (the baseline)
# ==========================================================================
class StatusWas(NamedTuple):
    """The activity had this status in April 2024."""
    no: str
    status: str


class SentenceAdded(NamedTuple):
    """The progress text gained this last sentence (or last paragraph, after a
    line break) since April 2024; the baseline text lacks it."""
    no: str
    en: str
    fr: str


class Reworded(NamedTuple):
    """Words in the progress text changed: (as in April 2024, as now) per
    language. The "now" words occur exactly once in the current text."""
    no: str
    en: tuple[str, str]
    fr: tuple[str, str]


Change = StatusWas | SentenceAdded | Reworded

CHANGES_SINCE_BASELINE: dict[str, list[Change]] = {
    "Part I": [
        StatusWas("1.1", "ongoing"),
        SentenceAdded("1.1",
                      "The final text was endorsed by the PTC in April 2024 and published on the WCO website in July 2024.",
                      "Le texte définitif a été entériné par le CTP en avril 2024 et publié sur le site Web de l’OMD en juillet 2024."),
        Reworded("1.3",
                 en=("One of the three chapters has", "Two of the three chapters have"),
                 fr=("Un des trois chapitres a été rédigé", "Deux des trois chapitres ont été rédigés")),
        SentenceAdded("1.3",
                      "The third chapter, on cross-border data exchange, will be presented to the PTC in May 2025.",
                      "Le troisième chapitre, consacré à l’échange transfrontalier de données, sera présenté au CTP en mai 2025."),
        StatusWas("1.4", "ongoing"),
        SentenceAdded("1.4",
                      "The 2024 edition, which lists 97 operational AEO programmes and 98 mutual recognition arrangements, was published in December 2024.",
                      "L’édition 2024, qui recense 97 programmes OEA opérationnels et 98 accords de reconnaissance mutuelle, a été publiée en décembre 2024."),
        SentenceAdded("1.6",
                      "It is proposed to carry this activity over to the 2025-2028 Work Programme.",
                      "Il est proposé de reporter cette activité sur le Programme de travail 2025-2028."),
        StatusWas("1.7", "ongoing"),
        Reworded("1.7",
                 en=("and will be published with", "and published with"),
                 fr=("et sera publié avec", "et publié avec")),
        StatusWas("1.8", "pending"),
        SentenceAdded("1.8",
                      "A draft revision was discussed by the PTC in October 2024; a revised version reflecting Members’ comments will be submitted to the PTC in May 2025.",
                      "Un projet de révision a été examiné par le CTP en octobre 2024 ; une version révisée tenant compte des observations des Membres sera soumise au CTP en mai 2025."),
        Reworded("1.9",
                 en=("but drafting of the study has been delayed", "but the study could not be completed"),
                 fr=("mais la rédaction de l’étude a pris du retard", "mais l’étude n’a pas pu être achevée")),
        SentenceAdded("1.9",
                      "It is proposed to continue this work under the 2025-2028 Work Programme.",
                      "Il est proposé de poursuivre ces travaux dans le cadre du Programme de travail 2025-2028."),
        StatusWas("1.11", "ongoing"),
        SentenceAdded("1.11",
                      "The revised Guide was published in December 2024, together with an updated data collection template.",
                      "Le Guide révisé a été publié en décembre 2024, accompagné d’un modèle actualisé de collecte des données."),
        StatusWas("1.15", "pending"),
        SentenceAdded("1.15",  # a new paragraph
                      "The Contact Committee met in June and November 2024 and agreed on the structure of the revised Guidelines, which are expected to be finalized by June 2025.",
                      "Le Comité de contact s’est réuni en juin et en novembre 2024 et s’est accordé sur la structure des Lignes directrices révisées, qui devraient être finalisées d’ici juin 2025."),
        Reworded("1.17",
                 en=("28 replies have been received so far", "41 replies were received"),
                 fr=("28 réponses ont été reçues à ce jour", "41 réponses ont été reçues")),
        SentenceAdded("1.17",
                      "Drafting of the guidelines will continue under the 2025-2028 Work Programme.",
                      "La rédaction des lignes directrices se poursuivra dans le cadre du Programme de travail 2025-2028."),
        Reworded("1.19",
                 en=("and further work is planned for 2024", "but the model could not be finalized within the current period"),
                 fr=("et la suite des travaux est prévue en 2024", "mais le modèle n’a pas pu être finalisé au cours de la période actuelle")),
        SentenceAdded("1.19",
                      "It is proposed to carry it over to the 2025-2028 Work Programme.",
                      "Il est proposé de le reporter sur le Programme de travail 2025-2028."),
        StatusWas("1.20", "ongoing"),
        Reworded("1.20",
                 en=("Preparations are under way", "Preparations were carried out"),
                 fr=("Les préparatifs sont en cours", "Les préparatifs ont été menés")),
        SentenceAdded("1.20",
                      "The conference took place in May 2024 and brought together more than 1,200 participants; its outcome report is available on the WCO website.",
                      "La conférence s’est tenue en mai 2024 et a réuni plus de 1 200 participants ; son rapport final est disponible sur le site Web de l’OMD."),
        StatusWas("1.25", "ongoing"),
        SentenceAdded("1.25",
                      "The updated Handbook was published in June 2024 in English, French and Spanish.",
                      "Le Manuel actualisé a été publié en juin 2024 en anglais, en espagnol et en français."),
        Reworded("1.26",
                 en=("is being prepared", "was prepared"),
                 fr=("est en cours d’élaboration", "a été élaboré")),
        SentenceAdded("1.26",  # a new paragraph
                      "It was circulated to Members for comments in January 2025 and will be finalized by June 2025.",
                      "Il a été diffusé aux Membres pour observations en janvier 2025 et sera finalisé d’ici juin 2025."),
        SentenceAdded("1.27",
                      "In October 2024 the Working Group agreed to postpone the review until the implementation of the 2021 edition has been fully evaluated; the review will be conducted under the 2025-2028 Work Programme.",
                      "En octobre 2024, le Groupe de travail est convenu de reporter le réexamen jusqu’à ce que la mise en œuvre de l’édition 2021 ait été pleinement évaluée ; le réexamen sera mené dans le cadre du Programme de travail 2025-2028."),
        Reworded("1.32",
                 en=("which is expected to end in 2024", "which has been extended until the end of 2025"),
                 fr=("qui devrait s’achever en 2024", "qui a été prolongé jusqu’à la fin de 2025")),
        SentenceAdded("1.32",
                      "It is proposed to carry this activity over to the 2025-2028 Work Programme; it now also covers goods for international exhibitions and events, previously activity 1.43.",
                      "Il est proposé de reporter cette activité sur le Programme de travail 2025-2028 ; elle couvre désormais également les marchandises destinées aux expositions et manifestations internationales, qui faisaient l’objet de l’activité 1.43."),
        StatusWas("1.35", "pending"),
        SentenceAdded("1.35",
                      "The module was launched on the WCO e-learning platform in November 2024 and is available in English, French and Spanish.",
                      "Le module a été mis en ligne sur la plateforme d’apprentissage en ligne de l’OMD en novembre 2024 et est disponible en anglais, en espagnol et en français."),
        StatusWas("1.40", "pending"),
        Reworded("1.40",
                 en=("Members will be invited", "Members were invited"),
                 fr=("Les Membres seront invités", "Les Membres ont été invités")),
        SentenceAdded("1.40",
                      "Results from 37 studies have been compiled and the report will be published in June 2025.",
                      "Les résultats de 37 études ont été compilés et le rapport sera publié en juin 2025."),
    ],
    "Part II": [
        Reworded("2.1",
                 en=("Two new Contracting Parties", "Three new Contracting Parties"),
                 fr=("Deux nouvelles Parties contractantes", "Trois nouvelles Parties contractantes")),
        Reworded("2.1", en=("to 137", "to 138"), fr=("à 137", "à 138")),
        Reworded("2.2", en=("19 Members", "25 Members"), fr=("19 Membres", "25 Membres")),
        Reworded("2.3",
                 en=("six studies in 2023", "nine studies in 2023 and 2024"),
                 fr=("six études en 2023", "neuf études en 2023 et 2024")),
        SentenceAdded("2.8",
                      "Contributions were made to the Committee’s review of the Agreement.",
                      "Des contributions ont été apportées à l’examen de l’Accord mené par le Comité."),
        Reworded("2.11",
                 en=("One new release was", "Two new releases were"),
                 fr=("Une nouvelle version a été publiée, qui intègre", "Deux nouvelles versions ont été publiées, qui intègrent")),
        Reworded("2.11",
                 en=("for e-commerce", "for AEO mutual recognition and for e-commerce"),
                 fr=("pour le commerce électronique", "pour la reconnaissance mutuelle des OEA et pour le commerce électronique")),
        Reworded("2.12",
                 en=("four times and now has 58", "six times and now has 64"),
                 fr=("quatre fois et compte désormais 58", "six fois et compte désormais 64")),
        SentenceAdded("2.12",  # a new paragraph
                      "A global Single Window survey was launched in September 2024; preliminary results will be presented to the PTC in May 2025.",
                      "Une enquête mondiale sur le guichet unique a été lancée en septembre 2024 ; les résultats préliminaires seront présentés au CTP en mai 2025."),
        SentenceAdded("2.13",
                      "Results show progress in advance electronic data and risk management, while revenue collection on low-value consignments remains a challenge.",
                      "Les résultats font apparaître des progrès en matière de données électroniques préalables et de gestion des risques, tandis que la perception des recettes sur les envois de faible valeur demeure un défi."),
        Reworded("2.21", en=("to 94", "to 97"), fr=("à 94", "à 97")),
        Reworded("2.21", en=("to 91", "to 98"), fr=("à 91", "à 98")),
        SentenceAdded("2.22",
                      "In October 2024 it adopted a work plan for the evaluation of the 2021 edition.",
                      "En octobre 2024, il a adopté un plan de travail relatif à l’évaluation de l’édition 2021."),
        Reworded("2.25",
                 en=("two regional events", "four regional events"),
                 fr=("deux manifestations régionales", "quatre manifestations régionales")),
        SentenceAdded("2.26",  # a new paragraph
                      "A workshop on seamless travel and the use of biometrics at borders was held in September 2024.",
                      "Un atelier consacré aux voyages sans discontinuité et à l’utilisation de la biométrie aux frontières s’est tenu en septembre 2024."),
        SentenceAdded("2.29",
                      "A joint webinar on digital transit corridors was held in November 2024.",
                      "Un webinaire commun sur les corridors de transit numériques s’est tenu en novembre 2024."),
        SentenceAdded("2.32",
                      "A Green Customs webpage presenting tools and Members’ practices was launched in 2024.",
                      "Une page Web consacrée à la douane verte, présentant des outils et des pratiques des Membres, a été mise en ligne en 2024."),
        Reworded("2.33", en=("108 Members", "121 Members"), fr=("108 Membres", "121 Membres")),
        SentenceAdded("2.39",
                      "A Member presented its experience of the transitional reporting period in October 2024.",
                      "Un Membre a présenté son expérience de la période transitoire de déclaration en octobre 2024."),
        Reworded("2.42", en=("9 tools", "15 tools"), fr=("9 outils", "15 outils")),
        Reworded("2.44", en=("7 Members", "12 Members"), fr=("7 Membres", "12 Membres")),
        Reworded("2.44",
                 en=("is being prepared for", "was made available on"),
                 fr=("est en préparation pour", "a été mis à disposition sur")),
        SentenceAdded("2.47",
                      "A regional workshop on small-scale cross-border trade was held in Nairobi in June 2024.",
                      "Un atelier régional sur le petit commerce transfrontalier s’est tenu à Nairobi en juin 2024."),
        SentenceAdded("2.48",
                      "Several Members reported that they accept electronic bills of lading in clearance.",
                      "Plusieurs Membres ont indiqué qu’ils acceptent les connaissements électroniques lors du dédouanement."),
    ],
}

# Activities of the current workbook that did not exist in April 2024.
ADDED_SINCE_BASELINE: dict[str, list[str]] = {"Part I": [], "Part II": ["2.52"]}

# Activities of April 2024 that no longer exist (merged into activity 1.32).
REMOVED_SINCE_BASELINE: dict[str, list[Row]] = {
    "Part I": [
        time_bound(
            "1.43", "SO1",
            ("Compile practices on the clearance of goods intended for international exhibitions, fairs and sporting events.",
             "Recenser les pratiques en matière de dédouanement des marchandises destinées aux expositions, foires et manifestations sportives internationales."),
            ("Compendium on goods for international events",
             "Recueil sur les marchandises destinées aux manifestations internationales"),
            date(2024, 12, 31), SEC, "pending",
            ("Work has not yet started. The PTC may wish to consider merging this activity with activity 1.32 on temporary admission.",
             "Les travaux n’ont pas encore débuté. Le CTP pourrait envisager de fusionner cette activité avec l’activité 1.32 relative à l’admission temporaire."),
        ),
    ],
    "Part II": [],
}


# ==========================================================================
# Draft Work Programme 2025-2028
# ==========================================================================
def _current(part: list[Row], no: str) -> Row:
    return next(row for row in part if row["No."] == no)


def carried_over(old_no: str, new_no: str, timeframe: date | str, lead: Text | None = None) -> Row:
    """A pending Part I activity of 2022-2025, carried over with a new number."""
    old = _current(CURRENT_PART_I, old_no)
    return time_bound(
        new_no, str(old["Strategic objective"]),
        (str(old["Activity (EN)"]), str(old["Activity (FR)"])),
        (str(old["Deliverable (EN)"]), str(old["Deliverable (FR)"])),
        timeframe,
        lead or (str(old["Lead (EN)"]), str(old["Lead (FR)"])),
    )


def continued(old_no: str, new_no: str) -> Row:
    """A Part II activity of 2022-2025 that continues, with a new number."""
    old = _current(CURRENT_PART_II, old_no)
    return ongoing(new_no, str(old["Strategic objective"]),
                   (str(old["Activity (EN)"]), str(old["Activity (FR)"])))


DRAFT_PART_I: list[Row] = [
    time_bound(
        "1.1", "SO1",
        ("Update the WCO guidance on implementing the WTO Trade Facilitation Agreement with practical examples for Articles 7 and 10, taking account of the review carried out by the Committee on Trade Facilitation.",
         "Mettre à jour les orientations de l’OMD relatives à la mise en œuvre de l’Accord de l’OMC sur la facilitation des échanges en y ajoutant des exemples pratiques concernant les articles 7 et 10, compte tenu de l’examen mené par le Comité de la facilitation des échanges."),
        ("Updated guidance on the implementation of the Trade Facilitation Agreement",
         "Orientations actualisées sur la mise en œuvre de l’Accord sur la facilitation des échanges"),
        "2025-2026", SEC,
    ),
    carried_over("1.21", "1.2", date(2026, 6, 30)),
    time_bound(
        "1.3", "SO1",
        ("Develop guidance on the electronic processing of ATA carnets and other temporary admission procedures, including for goods intended for international exhibitions and events.",
         "Élaborer des orientations sur le traitement électronique des carnets ATA et des autres procédures d’admission temporaire, y compris pour les marchandises destinées aux expositions et manifestations internationales."),
        ("Guidance on electronic temporary admission",
         "Orientations sur l’admission temporaire électronique"),
        date(2026, 12, 31), PTC_SEC,
    ),
    carried_over("1.41", "1.4", date(2026, 6, 30)),
    time_bound(
        "1.5", "SO1",
        ("Publish the second global summary of the Time Release Studies carried out by Members.",
         "Publier la deuxième synthèse mondiale des études sur le temps nécessaire pour la mainlevée réalisées par les Membres."),
        ("Second global Time Release Study summary report",
         "Deuxième rapport de synthèse mondial sur les études du temps nécessaire pour la mainlevée"),
        date(2027, 12, 31), SEC,
    ),
    carried_over("1.36", "1.6", "2026-2027"),
    carried_over("1.19", "1.7", date(2026, 12, 31)),
    time_bound(
        "1.8", "SO2",
        ("Carry out a study on the use of artificial intelligence in Customs clearance, drawing on the use cases shared by Members.",
         "Réaliser une étude sur l’utilisation de l’intelligence artificielle dans le dédouanement, en s’appuyant sur les cas d’utilisation présentés par les Membres."),
        ("Study report on artificial intelligence in clearance",
         "Rapport d’étude sur l’intelligence artificielle dans le dédouanement"),
        date(2027, 6, 30), SEC,
    ),
    time_bound(
        "1.9", "SO2",
        ("Develop specifications for application programming interfaces (APIs) for data exchange between Customs and traders, based on the WCO Data Model.",
         "Élaborer des spécifications d’interfaces de programmation d’applications (API) pour l’échange de données entre la douane et les opérateurs, fondées sur le Modèle de données de l’OMD."),
        ("API specifications based on the WCO Data Model",
         "Spécifications d’API fondées sur le Modèle de données de l’OMD"),
        "2025-2027", SEC,
    ),
    time_bound(
        "1.10", "SO2",
        ("Review the Framework of Standards on Cross-Border E-Commerce in the light of Members’ implementation experience.",
         "Réexaminer le Cadre de normes sur le commerce électronique transfrontalier à la lumière de l’expérience acquise par les Membres dans sa mise en œuvre."),
        ("Revised Framework of Standards on Cross-Border E-Commerce",
         "Cadre de normes révisé sur le commerce électronique transfrontalier"),
        "2026-2027", PTC_SEC,
    ),
    time_bound(
        "1.11", "SO2",
        ("Develop guidance on the acceptance of electronic transferable records, such as electronic bills of lading, in Customs clearance.",
         "Élaborer des orientations sur l’acceptation des documents transférables électroniques, tels que les connaissements électroniques, lors du dédouanement."),
        ("Guidance on electronic transferable records",
         "Orientations sur les documents transférables électroniques"),
        date(2027, 6, 30), SEC,
    ),
    time_bound(
        "1.12", "SO3",
        ("Conduct, with the SAFE Working Group, the review of the SAFE Framework of Standards on the basis of the evaluation of the 2021 edition.",
         "Mener, avec le Groupe de travail SAFE, le réexamen du Cadre de normes SAFE sur la base de l’évaluation de l’édition 2021."),
        ("Draft amendments to the SAFE Framework of Standards",
         "Projet d’amendements au Cadre de normes SAFE"),
        date(2026, 6, 30), PTC_SAFE,
    ),
    carried_over("1.34", "1.13", date(2026, 12, 31)),
    carried_over("1.30", "1.14", "2026-2027"),
    carried_over("1.42", "1.15", date(2026, 6, 30)),
    carried_over("1.38", "1.16", "2025-2026"),
    time_bound(
        "1.17", "SO3",
        ("Publish the 2026 edition of the AEO Compendium.",
         "Publier l’édition 2026 du Recueil OEA."),
        ("2026 edition of the AEO Compendium",
         "Édition 2026 du Recueil OEA"),
        date(2026, 12, 31), SEC,
    ),
    carried_over("1.9", "1.18", date(2026, 12, 31)),
    carried_over("1.17", "1.19", date(2026, 6, 30)),
    carried_over("1.39", "1.20", "2027-2028"),
    time_bound(
        "1.21", "SO4",
        ("Develop guidance on facilitating and controlling cross-border trade in used batteries and in the critical minerals needed for the energy transition.",
         "Élaborer des orientations sur la facilitation et le contrôle du commerce transfrontalier des batteries usagées et des minéraux critiques nécessaires à la transition énergétique."),
        ("Guidance on trade for the energy transition",
         "Orientations sur le commerce lié à la transition énergétique"),
        date(2028, 6, 30), SEC_MEMBERS,
    ),
]

# Ongoing activities that continue, in their new order (old No. of 2022-2025).
_CONTINUED_PART_II = [
    "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.41",
    "2.42", "2.43", "2.49", "2.50", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16",
    "2.17", "2.18", "2.19", "2.20", "2.44", "2.48", "2.52", "2.21", "2.22", "2.23",
    "2.24", "2.25", "2.26", "2.27", "2.28", "2.29", "2.30", "2.47", "2.32", "2.33",
    "2.34", "2.35", "2.36", "2.37", "2.38", "2.39",
]

DRAFT_PART_II: list[Row] = [
    continued(old_no, f"2.{index}") for index, old_no in enumerate(_CONTINUED_PART_II, start=1)
] + [
    ongoing(
        "2.47", "SO3",
        ("Share Members’ practices on gender-inclusive trade facilitation measures, in particular for women traders and women-led MSMEs.",
         "Partager les pratiques des Membres en matière de mesures de facilitation des échanges inclusives, en particulier à l’intention des commerçantes et des MPME dirigées par des femmes."),
    ),
    ongoing(
        "2.48", "SO2",
        ("Follow the use of digital identities and verifiable credentials for traders and AEOs in cross-border procedures.",
         "Suivre l’utilisation des identités numériques et des attestations vérifiables des opérateurs et des OEA dans les procédures transfrontalières."),
    ),
]
