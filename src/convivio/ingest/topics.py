"""Themes and target groups suggested from a draft's text, for the reviewer to confirm.

A keyword lexicon per theme and target group (``core.reference`` slugs) in the
platform's languages.  Words are reduced with the Snowball stemmers search uses
(``search.text``) and compared without accents; a stem of five letters or more
also matches as the start of a word, which covers inflections and the compounds
of German, Dutch and Swedish ("Gesundheitslotsinnen", "taalcafé").  Languages
without a Snowball stemmer (sl, hr, pl, uk) list their stems by hand.

The lexicon was written from general vocabulary and the seed documents only;
its precision and recall are measured on a hand-labelled held-out set
(tests/ingest/data/topics_heldout.json, docs/ingestion.md).  Nothing is set
without a person: the suggestions are the review form's initial choices.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from convivio.search.text import SNOWBALL, stems

#: slug → language → keywords (space separated; "_" joins the words of a phrase).
THEME_WORDS: dict[str, dict[str, str]] = {
    "reception": {
        "en": "reception welcome newcomer newcomers orientation information_point "
        "first_reception helpdesk help_desk helpline signposting registration "
        "one-stop_shop residence_permit information_desk",
        "es": "acogida bienvenida recién_llegados orientación punto_de_información "
        "ventanilla empadronamiento trámites información",
        "it": "accoglienza sportello orientamento informazioni nuovi_arrivati "
        "permesso_di_soggiorno iscrizione_anagrafica",
        "pt": "acolhimento acolhida orientação informação balcão recém-chegados "
        "atendimento primeiro_contacto",
        "ro": "primire informare orientare ghișeu birou_de_informare nou-sosiți",
        "el": "υποδοχή ενημέρωση πληροφόρηση νεοαφιχθέντες γραφείο_εξυπηρέτησης",
        "de": "ankommen ankunft erstorientierung orientierung willkommen "
        "anlaufstelle beratungsstelle neuzugewandert",
        "fr": "accueil orientation guichet information primo-arrivants démarches",
        "nl": "onthaal ontvangst nieuwkomers wegwijs inburgering informatiepunt",
        "sl": "sprejem* informiranj* orientacij* prišlek*",
        "hr": "prihvat* informiranj* orijentacij* pridošlic*",
        "pl": "przyjęci* informacj* punkt_informacyjn* adaptacj*",
        "sv": "mottagande nyanlända välkomnande information vägledning",
        "uk": "прийом* інформуван* новоприбул*",
        "ar": "استقبال توجيه",
    },
    "housing": {
        "en": "housing house homes accommodation tenancy tenant rent rental landlord "
        "homeless homelessness dwelling neighbourhood neighborhood urban",
        "es": "vivienda alojamiento alquiler inquilino sinhogar barrio urbanismo "
        "vecinal vecinos fincas",
        "it": "casa abitare abitativo alloggio affitto inquilini quartiere",
        "pt": "habitação alojamento arrendamento casa bairro moradia",
        "ro": "locuire locuință locuințe cazare chirie cartier",
        "el": "στέγαση στέγη κατοικία ενοίκιο άστεγοι",
        "de": "wohnen wohnung wohnraum unterkunft miete mieter obdachlos quartier",
        "fr": "logement hébergement loyer locataire sans-abri quartier",
        "nl": "huisvesting woning wonen huur huurder dakloos wijk",
        "sl": "stanovanj* nastanit* najem* brezdom*",
        "hr": "stanovanj* stambe* smještaj* najam*",
        "pl": "mieszkan* zakwaterowan* najm* bezdomn*",
        "sv": "bostad boende hyra hyresgäst hemlös",
        "uk": "житл* оренд*",
        "ar": "سكن إسكان",
    },
    "employment": {
        "en": "employment employability job jobs labour labor employer recruitment "
        "unemployed unemployment career workplace hired hiring internship "
        "socio-labour job-search",
        "es": "empleo empleabilidad trabajo laboral contratación contrato empresa "
        "desempleo inserción_laboral sociolaboral",
        "it": "lavoro lavorativo occupazione impiego assunte assunzione borsa_lavoro "
        "inserimento_lavorativo tirocinio",
        "pt": "emprego empregabilidade trabalho laboral contratação trabalhadores",
        "ro": "ocupare angajare loc_de_muncă muncă angajator șomaj profesional "
        "socio-profesională",
        "el": "απασχόληση εργασία εργοδότες ανεργία θέσεις_εργασίας",
        "de": "arbeit arbeitsmarkt beschäftigung beruf job jobs ausbildungsvertrag "
        "arbeitgeber arbeitslos",
        "fr": "emploi travail embauche employeur chômage insertion_professionnelle "
        "recherche_d'emploi",
        "nl": "werk werkgever baan banen arbeidsmarkt werkloos werkervaring",
        "sl": "zaposlov* zaposlit* delodaj* brezposeln* trg_dela",
        "hr": "zapošljavanj* zaposlenj* poslodav* nezaposlen* tržišt_rada",
        "pl": "zatrudnien* prac* pracodaw* bezroboci* rynek_pracy",
        "sv": "arbete arbetsmarknad anställning jobb arbetsgivare arbetslös",
        "uk": "працевлаштув* робот* зайнятіст*",
        "ar": "عمل توظيف",
    },
    "entrepreneurship": {
        "en": "entrepreneurship entrepreneur entrepreneurs start-up startup "
        "business_plan self-employment own_business microcredit",
        "es": "emprendimiento emprendedores autoempleo microcrédito negocio",
        "it": "imprenditoria imprenditori autoimpiego microcredito impresa",
        "pt": "empreendedorismo empreendedores autoemprego microcrédito negócio",
        "ro": "antreprenoriat antreprenori afacere afaceri firmă microcredit",
        "el": "επιχειρηματικότητα επιχειρηματίες αυτοαπασχόληση",
        "de": "unternehmertum gründung gründer existenzgründung selbstständig",
        "fr": "entrepreneuriat entrepreneurs création_d'entreprise auto-entrepreneur "
        "propre_activité",
        "nl": "ondernemerschap ondernemer ondernemers zelfstandige",
        "sl": "podjetništv* podjetnik* samozaposl*",
        "hr": "poduzetništv* poduzetnik* samozapošljav*",
        "pl": "przedsiębiorcz* przedsiębiorc* własn_działalnoś*",
        "sv": "entreprenörskap företagande företagare egenföretagare",
        "uk": "підприємниц* підприємц*",
        "ar": "ريادة",
    },
    "education": {
        "en": "education school schools pupils students teachers classroom "
        "homework schooling educational enrolment kindergarten nursery",
        "es": "educación escuela escolar escolarización colegio alumnos alumnado "
        "profesorado docentes educativo",
        "it": "istruzione scuola scolastico alunni studenti insegnanti educazione "
        "educativo",
        "pt": "educação escola escolar alunos professores ensino educativo",
        "ro": "educație educațional școală școlar elevi profesori învățământ",
        "el": "εκπαίδευση εκπαιδευτικό σχολείο σχολικό μαθητές εκπαιδευτικοί",
        "de": "bildung schule schüler schülerinnen lehrkräfte grundschule kita "
        "hausaufgaben",
        "fr": "éducation école scolaire élèves enseignants scolarité",
        "nl": "onderwijs school scholen leerlingen leraren huiswerk basisschool",
        "sl": "izobraževanj* šol* učenc* učitelj*",
        "hr": "obrazovanj* škol* učenik* nastavni*",
        "pl": "edukacj* szkoł* uczni* nauczyciel*",
        "sv": "utbildning skola skolan elever lärare",
        "uk": "освіт* школ* учн*",
        "ar": "تعليم مدرسة",
    },
    "language": {
        "en": "language english esol literacy conversation tandem linguistic "
        "language_course language_learning",
        "es": "idioma lengua castellano español lingüística alfabetización",
        "it": "lingua italiano linguistico alfabetizzazione",
        "pt": "língua português linguística alfabetização",
        "ro": "limbă limba_română cursuri_de_limba lingvistic",
        "el": "γλώσσα ελληνικά γλωσσικά",
        "de": "sprache sprachkurs deutschkurs deutsch sprachpaten sprachcafé "
        "deutschüben",
        "fr": "langue français linguistique alphabétisation",
        "nl": "taal nederlands taalcafé taalles vaktaal",
        "sl": "jezik* slovenščin*",
        "hr": "jezik* hrvatsk_jezik*",
        "pl": "język* polskiego",
        "sv": "språk svenska sfi språkcafé",
        "uk": "мов*",
        "ar": "لغة",
    },
    "training": {
        "en": "training skills vocational apprenticeship course courses workshop "
        "qualification qualifications",
        "es": "formación capacitación cursos taller formativo cualificación",
        "it": "formazione corso corsi laboratorio qualifica competenze",
        "pt": "formação capacitação cursos oficina qualificação competências",
        "ro": "formare instruire calificare curs cursuri atelier competențe",
        "el": "κατάρτιση εκπαιδεύτηκαν δεξιότητες σεμινάρια εργαστήρια",
        "de": "ausbildung weiterbildung qualifizierung kurs kurse werkstatt",
        "fr": "formation qualification cours atelier ateliers compétences",
        "nl": "opleiding training cursus vaardigheden les lessen",
        "sl": "usposablj* tečaj* delavnic*",
        "hr": "osposobljavanj* tečaj* radionic*",
        "pl": "szkoleni* kurs* warsztat* kwalifikacj*",
        "sv": "utbildning kurs kurser yrkesutbildning",
        "uk": "навчанн* курс*",
        "ar": "تدريب",
    },
    "culture": {
        "en": "culture cultural intercultural arts theatre theater music festival "
        "library reading museum",
        "es": "cultura cultural intercultural teatro música biblioteca lectura arte",
        "it": "cultura culturale interculturale teatro musica biblioteca lettura",
        "pt": "cultura cultural intercultural teatro música biblioteca leitura",
        "ro": "cultură cultural intercultural teatru muzică bibliotecă lectură",
        "el": "πολιτισμός πολιτιστικές θέατρο μουσική βιβλιοθήκη",
        "de": "kultur kulturell interkulturell theater musik bibliothek vorlese lesen",
        "fr": "culture culturel interculturel théâtre musique bibliothèque lecture",
        "nl": "cultuur cultureel theater muziek bibliotheek",
        "sl": "kultur* gledališ* knjižnic*",
        "hr": "kultur* kazališ* knjižnic*",
        "pl": "kultur* teatr* bibliotek*",
        "sv": "kultur teater musik bibliotek",
        "uk": "культур*",
        "ar": "ثقافة",
    },
    "health": {
        "en": "health healthcare medical doctor doctors gp hospital clinic "
        "vaccination patients nurse mental_health prescriptions socio-sanitary",
        "es": "salud sanitario sanitaria médico hospital centro_de_salud pacientes "
        "sociosanitario",
        "it": "salute sanitario sanitaria medico ospedale pazienti pronto_soccorso",
        "pt": "saúde sanitário médico hospital centro_de_saúde consultas_médicas",
        "ro": "sănătate medical medic spital pacienți",
        "el": "υγεία υγειονομική ιατρικές ασθενείς νοσοκομείο εμβολιασμός",
        "de": "gesundheit gesundheitlich arzt ärztin krankenhaus patienten "
        "krankenkasse",
        "fr": "santé sanitaire médecin médical hôpital patients",
        "nl": "gezondheid gezondheidszorg zorg huisarts ziekenhuis apotheek "
        "zorgverzekering",
        "sl": "zdrav*",
        "hr": "zdravlj* zdravstv* liječnik* bolnic*",
        "pl": "zdrowi* lekarz* lekarzy szpital* pielęgniar*",
        "sv": "hälsa hälso sjukvård läkare vårdcentral",
        "uk": "здоров* медич* лікар*",
        "ar": "صحة",
    },
    "social-services": {
        "en": "social_services social_welfare welfare social_work food_bank poverty "
        "solidarity social_inclusion social_assistance",
        "es": "servicios_sociales bienestar_social pobreza solidaridad "
        "inclusión_social comedor_social",
        "it": "servizi_sociali welfare povertà solidarietà inclusione_sociale",
        "pt": "serviços_sociais segurança_social pobreza solidariedade inclusão_social",
        "ro": "servicii_sociale asistență_socială sărăcie solidaritate "
        "incluziune_socială",
        "el": "κοινωνικές_υπηρεσίες φτώχεια αλληλεγγύη κοινωνική_ένταξη άστεγους",
        "de": "soziale_dienste sozialhilfe armut solidarität",
        "fr": "services_sociaux aide_sociale pauvreté solidarité",
        "nl": "sociale_dienst armoede solidariteit",
        "sl": "socialn_storit* revščin* solidarnost*",
        "hr": "socijaln_uslug* siromaštv* solidarnost*",
        "pl": "pomoc_społeczn* ubóstw* solidarnoś*",
        "sv": "socialtjänst fattigdom solidaritet",
        "uk": "соціальн_послуг* бідніст*",
        "ar": "خدمات_اجتماعية",
    },
    "participation": {
        "en": "participation citizenship naturalisation naturalization political "
        "democracy civic community volunteers volunteering "
        "neighbours neighbourhood_groups social_cohesion council consultative "
        "coexistence garden gardens",
        "es": "participación ciudadanía convivencia comunitario voluntariado "
        "vecinos huertos",
        "it": "partecipazione cittadinanza convivenza comunità volontari orti",
        "pt": "participação cidadania convivência comunitário voluntários hortas",
        "ro": "participare cetățenie comunitate voluntari consultativ",
        "el": "συμμετοχή ιδιότητα_του_πολίτη κοινότητα εθελοντές",
        "de": "teilhabe partizipation beteiligung bürgerschaft nachbarschaft "
        "ehrenamt ehrenamtliche",
        "fr": "participation citoyenneté lien_social vivre-ensemble bénévoles jardin",
        "nl": "participatie burgerschap buurt buurtbewoners vrijwilligers ontmoeting",
        "sl": "sodelovanj* participacij* skupnost* prostovolj*",
        "hr": "sudjelovanj* participacij* zajednic* volonter*",
        "pl": "uczestnict* partycypacj* sąsiedz* wolontari* obywatel*",
        "sv": "delaktighet medborgarskap deltagande grannskap volontärer",
        "uk": "участ* громад* волонтер*",
        "ar": "مشاركة مواطنة",
    },
    "awareness": {
        "en": "awareness awareness-raising media campaign campaigns stereotypes "
        "stereotyped prejudice prejudices public_opinion sensitisation "
        "sensitization sensibilization host_society",
        "es": "sensibilización medios_de_comunicación campaña estereotipos",
        "it": "sensibilizzazione media campagna stereotipi",
        "pt": "sensibilização comunicação_social campanha estereótipos",
        "ro": "conștientizare sensibilizare mass-media campanie stereotipuri",
        "el": "ευαισθητοποίηση μέσα_ενημέρωσης εκστρατεία στερεότυπα",
        "de": "sensibilisierung öffentlichkeitsarbeit medien kampagne stereotype",
        "fr": "sensibilisation médias campagne stéréotypes",
        "nl": "bewustwording media campagne stereotypen",
        "sl": "ozaveščanj* medij* kampanj*",
        "hr": "podizanj_svijesti medij* kampanj*",
        "pl": "świadomoś* kampani* media",
        "sv": "medvetenhet kampanj stereotyper",
        "uk": "обізнаніст* кампані*",
        "ar": "توعية",
    },
    "anti-discrimination": {
        "en": "discrimination antidiscrimination anti-discrimination racism racist "
        "xenophobia equal_treatment hate",
        "es": "discriminación racismo xenofobia igualdad_de_trato odio",
        "it": "discriminazione razzismo xenofobia parità_di_trattamento",
        "pt": "discriminação racismo xenofobia igualdade_de_tratamento",
        "ro": "discriminare rasism xenofobie tratament_egal",
        "el": "διακρίσεις ρατσισμός ξενοφοβία",
        "de": "diskriminierung rassismus fremdenfeindlichkeit gleichbehandlung",
        "fr": "discrimination racisme xénophobie",
        "nl": "discriminatie racisme vreemdelingenhaat",
        "sl": "diskriminacij* rasizem* ksenofobij*",
        "hr": "diskriminacij* rasiz* ksenofobij*",
        "pl": "dyskryminacj* rasizm* ksenofobi*",
        "sv": "diskriminering rasism främlingsfientlighet",
        "uk": "дискримінац* расизм*",
        "ar": "تمييز عنصرية",
    },
    "international-relations": {
        "en": "international_cooperation transnational development_cooperation "
        "co-development countries_of_origin",
        "es": "cooperación_internacional codesarrollo países_de_origen",
        "it": "cooperazione_internazionale cosviluppo paesi_di_origine",
        "pt": "cooperação_internacional codesenvolvimento",
        "ro": "cooperare_internațională transnațional",
        "el": "διεθνής_συνεργασία",
        "de": "internationale_zusammenarbeit entwicklungszusammenarbeit",
        "fr": "coopération_internationale codéveloppement",
        "nl": "internationale_samenwerking",
        "sl": "mednarodn_sodelovanj*",
        "hr": "međunarodn_suradnj*",
        "pl": "współprac_międzynarodow*",
        "sv": "internationellt_samarbete",
        "uk": "міжнародн_співпрац*",
        "ar": "تعاون_دولي",
    },
    "religion": {
        "en": "religion religious faith mosque church interfaith",
        "es": "religión religioso mezquita iglesia interreligioso",
        "it": "religione religioso moschea chiesa interreligioso",
        "pt": "religião religioso mesquita igreja paróquia",
        "ro": "religie religios moschee biserică",
        "el": "θρησκεία θρησκευτικ τζαμί εκκλησία",
        "de": "religion religiös moschee kirche interreligiös",
        "fr": "religion religieux mosquée église interreligieux",
        "nl": "religie godsdienst moskee kerk",
        "sl": "verst* religij* mošej* cerkev*",
        "hr": "vjer* religij* džamij* crkv*",
        "pl": "religi* meczet* kości*",
        "sv": "religion moské kyrka",
        "uk": "релігі* церкв*",
        "ar": "دين مسجد",
    },
    "legal-aid": {
        "en": "legal lawyer lawyers solicitor legal_advice legal_aid rights "
        "residence_permits family_reunification asylum_procedure pro_bono",
        "es": "jurídico jurídica abogado abogados asesoría_jurídica derechos "
        "extranjería",
        "it": "legale giuridico avvocato avvocati consulenza_legale diritti",
        "pt": "jurídico advogado advogados apoio_jurídico direitos",
        "ro": "juridic juridică avocat avocați consiliere_juridică drepturi",
        "el": "νομική νομικής δικηγόρος συμβουλευτικής δικαιώματα",
        "de": "rechtsberatung rechtlich anwalt anwältin rechte aufenthaltsrecht",
        "fr": "juridique avocat juristes droits droit_au_séjour accès_aux_droits",
        "nl": "juridisch advocaat rechtshulp rechten",
        "sl": "pravn* odvetni* pravic*",
        "hr": "pravn* odvjetni* prava",
        "pl": "prawn* porad_prawn* adwokat* radc* legalizacj*",
        "sv": "juridisk advokat rättigheter rättshjälp",
        "uk": "правов* юрид* адвокат*",
        "ar": "قانونية محامي",
    },
    "gender-based-violence": {
        "en": "gender-based_violence domestic_violence violence_against_women "
        "abuse trafficking female_genital_mutilation forced_marriage",
        "es": "violencia_de_género violencia_machista maltrato trata mutilación",
        "it": "violenza_di_genere violenza_domestica maltrattamenti tratta",
        "pt": "violência_de_género violência_doméstica tráfico mutilação",
        "ro": "violență_de_gen violență_domestică abuz trafic",
        "el": "έμφυλη_βία ενδοοικογενειακή_βία εμπορία",
        "de": "häusliche_gewalt gewalt_gegen_frauen menschenhandel zwangsheirat",
        "fr": "violences_faites_aux_femmes violence_conjugale traite mariage_forcé",
        "nl": "huiselijk_geweld geweld_tegen_vrouwen mensenhandel",
        "sl": "nasilj* trgovin_z_ljudm*",
        "hr": "nasilj* trgovanj_ljud*",
        "pl": "przemoc* handel_ludźmi",
        "sv": "våld_i_nära_relationer mäns_våld människohandel",
        "uk": "насильств*",
        "ar": "عنف",
    },
    "digital-inclusion": {
        "en": "digital online computer internet app apps e-government smartphone",
        "es": "digital digitales ordenador internet brecha_digital",
        "it": "digitale digitali computer internet identità_digitale",
        "pt": "digital digitais computador internet online",
        "ro": "digital digitale calculator internet online",
        "el": "ψηφιακ ψηφιακές υπολογιστ διαδίκτυο ηλεκτρονικές",
        "de": "digital digitale computer internet online",
        "fr": "numérique numériques informatique internet en_ligne",
        "nl": "digitaal digitale computer internet online",
        "sl": "digitaln* računaln* splet*",
        "hr": "digitaln* računal* internet*",
        "pl": "cyfrow* komputer* internet*",
        "sv": "digital digitala dator internet",
        "uk": "цифров* комп'ютер*",
        "ar": "رقمي",
    },
    "gender-equality": {
        "en": "gender_equality equality_of_women equal_opportunities gender "
        "empowerment",
        "es": "igualdad_de_género perspectiva_de_género empoderamiento igualdad",
        "it": "parità_di_genere pari_opportunità empowerment",
        "pt": "igualdade_de_género empoderamento",
        "ro": "egalitate_de_gen egalitatea_de_șanse abilitare",
        "el": "ισότητα_των_φύλων ενδυνάμωση",
        "de": "gleichstellung chancengleichheit empowerment",
        "fr": "égalité_femmes-hommes égalité_des_genres autonomisation",
        "nl": "gendergelijkheid emancipatie",
        "sl": "enakost_spol*",
        "hr": "ravnopravnost_spol*",
        "pl": "równoś_płci*",
        "sv": "jämställdhet",
        "uk": "гендерн_рівніст*",
        "ar": "مساواة",
    },
    "family": {
        "en": "family families parents parenting childcare children mothers fathers",
        "es": "familia familias padres madres crianza infancia",
        "it": "famiglia famiglie genitori mamme infanzia genitorialità",
        "pt": "família famílias pais mães parentalidade infância",
        "ro": "familie familii părinți mame copii",
        "el": "οικογένεια οικογένειες γονείς μητέρες παιδιά",
        "de": "familie familien eltern mütter väter kinderbetreuung elterncafé",
        "fr": "famille familles parents parentalité mères enfance",
        "nl": "gezin gezinnen ouders moeders opvoeding",
        "sl": "družin* starš* mater*",
        "hr": "obitelj* roditelj* majk*",
        "pl": "rodzin* rodzic* matk* mam",
        "sv": "familj familjer föräldrar mammor",
        "uk": "сім'* родин* батьк*",
        "ar": "أسرة عائلة",
    },
}

TARGET_GROUP_WORDS: dict[str, dict[str, str]] = {
    "migrants": {
        "en": "migrants migrant immigrants immigrant newcomers foreigners foreign-born",
        "es": "migrantes inmigrantes inmigración extranjeros recién_llegados",
        "it": "migranti immigrati stranieri",
        "pt": "migrantes imigrantes estrangeiros",
        "ro": "migranți migrante imigranți străini",
        "el": "μετανάστες μεταναστών αλλοδαποί",
        "de": "migranten migrantinnen zugewanderte neuzugewanderte ausländer",
        "fr": "migrants immigrés étrangers exilées exilés allophones",
        "nl": "migranten nieuwkomers immigranten",
        "sl": "migrant* priseljen* tujc*",
        "hr": "migrant* useljenik* stranc*",
        "pl": "migrant* imigrant* cudzoziem*",
        "sv": "migranter invandrare nyanlända",
        "uk": "мігрант*",
        "ar": "مهاجرين",
    },
    "migrant-women": {
        "en": "women woman female girls",
        "es": "mujeres mujer",
        "it": "donne donna",
        "pt": "mulheres mulher",
        "ro": "femei femeile femeilor",
        "el": "γυναίκες γυναικών",
        "de": "frauen frau migrantinnen",
        "fr": "femmes femme",
        "nl": "vrouwen vrouw",
        "sl": "žensk*",
        "hr": "žen*",
        "pl": "kobiet*",
        "sv": "kvinnor",
        "uk": "жін*",
        "ar": "نساء",
    },
    "mothers": {
        "en": "mothers mother mums moms motherhood",
        "es": "madres madre maternidad",
        "it": "mamme madri madre maternità",
        "pt": "mães mãe maternidade",
        "ro": "mame mamă mamele maternitate",
        "el": "μητέρες μητέρα",
        "de": "mütter mutter",
        "fr": "mères mère",
        "nl": "moeders moeder",
        "sl": "mater* mamic*",
        "hr": "majk*",
        "pl": "matk* matek mam",
        "sv": "mammor mödrar",
        "uk": "матер*",
        "ar": "أمهات",
    },
    "children": {
        "en": "children child kids pupils",
        "es": "niños niñas infancia menores alumnos",
        "it": "bambini bambine minori alunni",
        "pt": "crianças infância menores alunos",
        "ro": "copii copiii copiilor elevi",
        "el": "παιδιά παιδιών μαθητές",
        "de": "kinder kind schüler",
        "fr": "enfants enfant élèves",
        "nl": "kinderen kind leerlingen",
        "sl": "otrok* učenc*",
        "hr": "djec* dijete* učenik*",
        "pl": "dzieci* dziecko* uczniów uczni*",
        "sv": "barn elever",
        "uk": "діт*",
        "ar": "أطفال",
    },
    "unaccompanied-minors": {
        "en": "unaccompanied_minors unaccompanied separated_children",
        "es": "menores_no_acompañados",
        "it": "minori_stranieri_non_accompagnati non_accompagnati",
        "pt": "menores_não_acompanhados",
        "ro": "minori_neînsoțiți",
        "el": "ασυνόδευτων ασυνόδευτα",
        "de": "unbegleitete",
        "fr": "mineurs_non_accompagnés",
        "nl": "alleenstaande_minderjarige",
        "sl": "mladoletnik*_brez_spremstva",
        "hr": "djec*_bez_pratnje",
        "pl": "małoletni*_bez_opieki",
        "sv": "ensamkommande",
        "uk": "неповнолітн*_без_супроводу",
        "ar": "قاصرين",
    },
    "youth": {
        "en": "young_people youth adolescents teenagers young",
        "es": "jóvenes juventud adolescentes",
        "it": "giovani ragazzi adolescenti",
        "pt": "jovens juventude adolescentes",
        "ro": "tineri tinerii adolescenți",
        "el": "νέοι νέων έφηβοι",
        "de": "jugendliche jugend junge",
        "fr": "jeunes jeunesse adolescents",
        "nl": "jongeren jeugd",
        "sl": "mlad*",
        "hr": "mlad*",
        "pl": "młodzież* młod*",
        "sv": "ungdomar unga",
        "uk": "молод*",
        "ar": "شباب",
    },
    "refugees-asylum-seekers": {
        "en": "refugees refugee asylum asylum-seekers international_protection",
        "es": "refugiados refugiadas asilo protección_internacional",
        "it": "rifugiati richiedenti_asilo asilo titolari_di_protezione",
        "pt": "refugiados asilo proteção_internacional",
        "ro": "refugiați refugiate azil solicitanți_de_azil",
        "el": "πρόσφυγες προσφύγων άσυλο",
        "de": "geflüchtete flüchtlinge asyl asylbewerber schutzsuchende",
        "fr": "réfugiés réfugiée réfugiées asile demandeurs_d'asile",
        "nl": "vluchtelingen statushouders asielzoekers",
        "sl": "begun* azil*",
        "hr": "izbjeglic* azil*",
        "pl": "uchodźc* azyl*",
        "sv": "flyktingar asylsökande",
        "uk": "біжен* притулок*",
        "ar": "لاجئين",
    },
    "trafficking-victims": {
        "en": "trafficking victims_of_trafficking trafficked",
        "es": "trata víctimas_de_trata",
        "it": "tratta vittime_di_tratta",
        "pt": "tráfico_de_seres_humanos",
        "ro": "trafic_de_persoane",
        "el": "εμπορία_ανθρώπων",
        "de": "menschenhandel",
        "fr": "traite_des_êtres_humains",
        "nl": "mensenhandel",
        "sl": "trgovin*_z_ljudmi",
        "hr": "trgovanj*_ljudima",
        "pl": "handel_ludźmi",
        "sv": "människohandel",
        "uk": "торгівл*_людьми",
        "ar": "الاتجار",
    },
    "third-country-nationals": {
        "en": "third-country_nationals third_country_nationals non-eu",
        "es": "nacionales_de_terceros_países extracomunitarios",
        "it": "cittadini_di_paesi_terzi extracomunitari",
        "pt": "nacionais_de_países_terceiros",
        "ro": "resortisanți_ai_țărilor_terțe cetățeni_străini",
        "el": "υπήκοοι_τρίτων_χωρών",
        "de": "drittstaatsangehörige",
        "fr": "ressortissants_de_pays_tiers",
        "nl": "derdelanders",
        "sl": "državljan*_tretjih_držav",
        "hr": "državljan*_trećih_zemalja",
        "pl": "cudzoziemc* cudzoziemców",
        "sv": "tredjelandsmedborgare",
        "uk": "громадян*_третіх_країн",
        "ar": "رعايا",
    },
    "undocumented": {
        "en": "undocumented irregular_migrants without_papers",
        "es": "indocumentados sin_papeles situación_irregular",
        "it": "irregolari senza_documenti",
        "pt": "indocumentados situação_irregular",
        "ro": "fără_acte ședere_ilegală",
        "el": "χωρίς_χαρτιά",
        "de": "papierlose ohne_papiere",
        "fr": "sans-papiers",
        "nl": "ongedocumenteerden",
        "sl": "brez_dokumentov",
        "hr": "bez_dokumenata",
        "pl": "nieudokumentowan*",
        "sv": "papperslösa",
        "uk": "без_документів",
        "ar": "غير_موثقين",
    },
    "older-people": {
        "en": "older_people elderly seniors pensioners",
        "es": "mayores personas_mayores ancianos",
        "it": "anziani",
        "pt": "idosos",
        "ro": "vârstnici bătrâni",
        "el": "ηλικιωμένοι",
        "de": "senioren ältere",
        "fr": "personnes_âgées aînés seniors",
        "nl": "ouderen senioren",
        "sl": "starejš*",
        "hr": "starij*",
        "pl": "senior* starsz*",
        "sv": "äldre",
        "uk": "літн*",
        "ar": "مسنين",
    },
    "families": {
        "en": "families family parents households",
        "es": "familias familia padres",
        "it": "famiglie famiglia genitori",
        "pt": "famílias família pais",
        "ro": "familii familie părinți",
        "el": "οικογένειες γονείς",
        "de": "familien familie eltern",
        "fr": "familles famille parents",
        "nl": "gezinnen gezin ouders",
        "sl": "družin* starš*",
        "hr": "obitelj* roditelj*",
        "pl": "rodzin* rodzic*",
        "sv": "familjer föräldrar",
        "uk": "сім'* родин* батьк*",
        "ar": "عائلات أسر",
    },
    "roma": {
        "en": "roma romani gypsy",
        "es": "gitanos gitana romaní",
        "it": "rom sinti",
        "pt": "ciganos",
        "ro": "romi romilor rromi",
        "el": "ρομά",
        "de": "roma sinti",
        "fr": "roms tsiganes",
        "nl": "roma",
        "sl": "rom*",
        "hr": "rom*",
        "pl": "rom*",
        "sv": "romer",
        "uk": "ромів",
        "ar": "الروما",
    },
    "professionals": {
        "en": "professionals staff practitioners social_workers teachers "
        "caseworkers mediators civil_servants",
        "es": "profesionales técnicos personal_técnico mediadores funcionarios",
        "it": "operatori professionisti mediatori insegnanti",
        "pt": "profissionais técnicos mediadores",
        "ro": "profesioniști specialiști personal mediatori",
        "el": "επαγγελματίες διαμεσολαβητές στελέχη",
        "de": "fachkräfte mitarbeitende lehrkräfte sozialarbeiter",
        "fr": "professionnels intervenants travailleurs_sociaux médiateurs",
        "nl": "professionals medewerkers hulpverleners",
        "sl": "strokovn*",
        "hr": "stručnjac*",
        "pl": "kadr* specjali* pracownik*",
        "sv": "yrkesverksamma personal",
        "uk": "фахівц*",
        "ar": "مهنيين",
    },
}

#: At most this many suggestions of each kind.
MAX_THEMES = 3
MAX_TARGET_GROUPS = 2
#: A word in the title counts this many times.
TITLE_WEIGHT = 3
#: A suggestion needs this score, and this share of the best one's.  Themes
#: need two words (one word such as "course" is common to many); a target group
#: is often named once ("for refugees").
MIN_SCORE = 2
MIN_GROUP_SCORE = 1
MIN_SHARE = 0.4


def fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in word if not unicodedata.combining(c))


_WORD = re.compile(r"[\w'’-]+")


def _stem(word: str, language: str) -> str:
    return fold(stems([word], language)[0]) if language in SNOWBALL else fold(word)


@cache
def _lexicon(
    kind: str, language: str
) -> tuple[tuple[str, tuple[tuple[tuple[str, bool], ...], ...]], ...]:
    """(slug, keywords) with each keyword a tuple of (stem, prefix) per word."""
    table = THEME_WORDS if kind == "theme" else TARGET_GROUP_WORDS
    languages = [language] if language == "en" else [language, "en"]
    out = []
    for slug, by_language in table.items():
        keys = []
        for lang in languages:
            for keyword in by_language.get(lang, "").split():
                parts = []
                for part in keyword.split("_"):
                    prefix = part.endswith("*")
                    part = part.rstrip("*")
                    stem = fold(part) if prefix else _stem(part, lang)
                    # A long stem also starts longer words (inflections, compounds).
                    parts.append((stem, prefix or len(stem) >= 5))
                keys.append(tuple(parts))
        out.append((slug, tuple(keys)))
    return tuple(out)


def _tokens(text: str, language: str) -> list[tuple[str, str]]:
    """(folded word, folded stem) of each word of ``text``."""
    raw = [w.strip("'’-") for w in _WORD.findall(text.lower())]
    raw = [w for w in raw if w]
    stemmed = stems(raw, language) if language in SNOWBALL else raw
    return [(fold(w), fold(s)) for w, s in zip(raw, stemmed, strict=True)]


def _matches(token: tuple[str, str], part: tuple[str, bool]) -> bool:
    word, stem = token
    key, prefix = part
    return stem == key or word == key or (prefix and word.startswith(key))


@cache
def _index(
    kind: str, language: str
) -> tuple[dict[str, list[tuple[str, tuple]]], list[tuple[str, tuple]]]:
    """The lexicon's keywords by their first word (exact words), and those whose
    first word is a prefix: a text is then scanned once, not once per keyword."""
    exact: dict[str, list[tuple[str, tuple]]] = {}
    prefixed: list[tuple[str, tuple]] = []
    for slug, keys in _lexicon(kind, language):
        for key in keys:
            first, prefix = key[0]
            if prefix:
                prefixed.append((slug, key))
            else:
                exact.setdefault(first, []).append((slug, key))
    return exact, prefixed


def _scores(kind: str, title: str, text: str, language: str) -> Counter[str]:
    language = (language or "en").split("-")[0]
    exact, prefixed = _index(kind, language)
    order = list(dict.fromkeys(slug for slug, _keys in _lexicon(kind, language)))
    scores: Counter[str] = Counter()
    for weight, chunk in ((TITLE_WEIGHT, title), (1, text)):
        tokens = _tokens(chunk or "", language)
        found: Counter[str] = Counter()
        for i, (word, stem) in enumerate(tokens):
            candidates = exact.get(stem, [])
            if word != stem:
                candidates = candidates + exact.get(word, [])
            candidates = candidates + [
                item
                for item in prefixed
                if word.startswith(item[1][0][0]) or stem == item[1][0][0]
            ]
            for slug, key in candidates:
                n = len(key)
                if i + n <= len(tokens) and all(
                    _matches(tokens[i + k], key[k]) for k in range(n)
                ):
                    found[slug] += weight
        # Ties are broken as they always were: title before text, then in the
        # lexicon's order (most_common keeps insertion order).
        for slug in order:
            if slug in found:
                scores[slug] += found[slug]
    return scores


def _pick(scores: Counter[str], limit: int, minimum: int = MIN_SCORE) -> list[str]:
    if not scores:
        return []
    best = scores.most_common(1)[0][1]
    return [
        slug
        for slug, score in scores.most_common()
        if score >= minimum and score >= best * MIN_SHARE
    ][:limit]


def suggest(title: str, text: str, language: str) -> dict[str, list[str]]:
    """Themes and target groups (slugs, most likely first) for a practice or an
    area of a plan written in ``language``."""
    return {
        "themes": _pick(_scores("theme", title, text, language), MAX_THEMES),
        "target_groups": _pick(
            _scores("group", title, text, language),
            MAX_TARGET_GROUPS,
            minimum=MIN_GROUP_SCORE,
        ),
    }


def area_theme(title: str, text: str, language: str) -> str | None:
    """The one theme of a plan's area ("EDUCATION", "2. Socio-labour area"): its
    title decides when it names one, else its text does."""
    scores = _scores("theme", title, "", language)
    if scores:
        return scores.most_common(1)[0][0]
    picked = _pick(_scores("theme", "", text, language), 1, minimum=3)
    return picked[0] if picked else None
