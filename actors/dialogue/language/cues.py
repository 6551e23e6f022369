"""The vocabulary of what customers do: cancel, move, recall, bid, haggle, buy, think it over.

Each pattern works on one normalised clause. The broad intents (search, test drive,
financing, trade-in, person, complaint, hours, location) come from the scored cue table of
`intent_cues`; the patterns here are the finer acts a salesperson must tell apart.
"""

from __future__ import annotations

import re

_P = re.compile

CANCEL = _P(
    r"\b(?:annuleer\w*|annuler\w*|afzeggen|afgezegd|zeg (?:\w+ ){0,3}af|cancel\w*|schrap\w*|"
    r"(?:kan|kunnen|kom|komen|ga|gaan|lukt|past|gaat) (?:\w+ ){0,3}toch niet(?: \w+){0,2} ?(?:komen|langskomen|gaan|rijden|door)?\b|"
    r"(?:gaat|kan) niet door|hoeft niet meer|niet meer nodig|laat (?:\w+ )?maar zitten|"
    r"afmelden (?:voor|van) (?:de|mijn|onze|die|het) (?:proefrit|afspraak|testrit|test drive|bezichtiging)|"
    r"(?:proefrit|afspraak|testrit) (?:\w+ ){0,3}(?:afmelden|annuleren|afzeggen|laten vervallen|intrekken)|"
    r"call (?:it )?off|won'?t (?:make it|be coming|come)|can'?t (?:make it|come)(?: after all)?|"
    r"no longer (?:needed|coming)|er is iets tussen ?gekomen|something came up)\b")

MOVE = _P(
    r"\b(?:verzet\w*|verplaats\w*|verschuiv\w*|opschuiven|omzetten|omboeken|vervroeg\w*|uitstellen|"
    r"reschedul\w*|move (?:it|the|my|our)|make it (?:an? |one )?(?:\w+ )?(?:later|earlier)|"
    r"(?:kan|kunnen|zou|mag) (?:het|dat|die|de (?:proefrit|afspraak)|we) (?:\w+ ){0,3}(?:later|eerder|vroeger)|"
    r"ander(?:e)? (?:dag|tijd|tijdstip|moment|datum)|(?:another|different) (?:day|time|date)|"
    r"(?:een|1|paar|half) (?:dag|dagen|uur|uurtje|uurtjes|week|kwartier) (?:later|eerder|vroeger)|"
    r"(?:a|an|one|half an) (?:day|hour|week) (?:later|earlier))\b")

RECALL = _P(
    r"\b(?:hoe laat (?:was|is|hadden|hebben|staat|ben|moet|moest|kom) (?:\w+ ){0,4}?(?:het|ik|we|wij|mijn|onze|de|die|"
    r"afgesproken|ook alweer|er)|wanneer (?:was|is|hadden|hebben|staat|moet|moest) (?:\w+ ){0,3}?(?:mijn|onze|de|het|ik|we) "
    r"(?:\w+ ){0,2}?(?:afspraak|proefrit|testrit|afgesproken|langskomen|komen)|"
    r"(?:hoe laat|wanneer|welke dag|welk tijdstip) .{0,25}(?:ook|nu|nou) (?:al)?weer|welke dag en hoe laat|nog (?:even )?(?:bevestigen|checken)|"
    r"(?:tijd|tijdstip|datum|dag|moment|gegevens) van (?:de|mijn|onze|die) (?:afspraak|proefrit|testrit)|"
    r"(?:time|date|details) of (?:my|our|the) (?:appointment|test drive|booking)|"
    r"what time (?:is|was) (?:my|our|the|it) ?(?:appointment|test drive|booking)?|when (?:is|was) (?:my|our|the|it) "
    r"?(?:appointment|test drive|booking)?|what time did we say|double check|remind me)\b")

OTHER_TIME = _P(
    r"\b(?:geen van (?:deze|allen|alle|beide|de opties|die)|geen enkele|past (?:me |mij )?(?:allemaal )?niet|"
    r"lukt (?:me |mij )?(?:allemaal )?niet|komt (?:me |mij )?(?:allemaal )?(?:niet|slecht) uit|"
    r"(?:kan|kun|heb) (?:ik )?(?:dan |daar )?(?:allemaal )?niet|andere (?:tijden|momenten|dagen|opties)|"
    r"later (?:in de week|op de dag)|iets (?:later|eerder)|none of (?:these|them|those)|"
    r"(?:doesn'?t|does not|don'?t) (?:work|suit)|other (?:times|days|options)|heb (?:ik )?geen tijd)\b")

OFFER = _P(
    r"\b(?:ik bied|bied ik|mijn bod|bod van|ik doe (?:een )?bod|wil (?:ik )?(?:er )?\d[\d.,]* (?:voor )?(?:geven|betalen)|"
    r"(?:ik )?geef (?:je |jullie |u |er )?(?:\w+ )?\d|voor \d[\d.,]*\s*(?:k|euro|€)? (?:neem|koop) ik|"
    r"\d[\d.,]*\s*(?:k|euro|€)?\s*(?:cash|contant|en (?:hij|ie|die) is van mij)|deal\b.{0,30}\d|\d.{0,30}\bdeal\b|"
    r"\d[\d.,]*\s*(?:k|euro|€)?\s*(?:en|dan)\s+(?:ik|we|wij)\s+(?:neem|nemen|koop|kopen|haal|halen)\b|"
    r"(?:geef|bied|betaal) (?:\w+ ){0,2}\d{1,3}\b|\bdoe (?:er |het |hem )?(?:voor )?\d{1,3}(?:[.,]\d{3})?\b|"
    r"\d[\d.,]*\s*(?:k|euro|€)?\s*en (?:we zijn eruit|we zijn er uit|hij is (?:van|voor) mij|deal)|"
    r"(?:kan|mag) (?:het|hij|die|ie) (?:ook )?voor \d|would you (?:do|accept|take) \d|make (?:an|a) offer|"
    r"(?:zou|wil|wilt|kun|kan|kunt) (?:je|jij|jullie|u) (?:hem |die |het )?(?:er )?(?:voor )?\d[\d.,]*\s*(?:k|euro|€|mille|duizend)?\s*"
    r"(?:willen |kunnen )?(?:doen|accepteren|verkopen)\b|"
    r"(?:een )?bod (?:doen|uitbrengen)|"
    r"would you (?:take|accept)|i(?:'ll| will)? (?:offer|give you|pay)|my offer|i offer|how about \d)")

# a bid announced, its amount perhaps in the next clause ("ik wil u een bod doen: 25.500 euro")
BID_ANNOUNCED = _P(r"\b(?:een )?bod (?:doen|uitbrengen|geven)|\bmake (?:you )?(?:an|a) offer|\bput in an offer")
NEGOTIATE = _P(
    r"\b(?:korting|discount|onderhandel\w*|negotia\w*|afding\w*|bespreekbaar|rek in de prijs|ruimte in de prijs|"
    r"(?:laagste|beste|scherpste|lowest|best) prijs (?:die|dat|that)|(?:lowest|best) price (?:you|that)|marge in de prijs|"
    r"(?:kan|kun|kunt|kunnen|mag|gaat|wil|willen|doen|zit) (?:er|jullie|je|u|daar|hier) (?:nog )?(?:\w+ ){0,6}"
    r"(?:vanaf|eraf|af|afdoen|af doen|ruimte|marge)\b|nog (?:wat|iets) (?:aan de prijs|af|vanaf|van de prijs)|"
    r"(?:wat|iets) (?:\w+ ){0,3}(?:af|vanaf|eraf)\b|"
    r"(?:aan|over) de prijs (?:nog )?(?:te )?(?:doen|praten|zakken|onderhandelen)|laatste prijs|scherpste prijs|scherper|"
    r"valt er (?:nog )?(?:\w+ )?(?:over )?te (?:praten|onderhandelen|doen)|"
    r"(?:best|lowest|final) price|room (?:on|in) the price|lower the price|come down|any flexibility|"
    r"iets (?:minder|lager)|prijs (?:\w+ )?(?:omlaag|lager|zakken))\b")

BUY = _P(
    r"\b(?:(?:ik|we|wij) (?:\w+ ){0,3}(?:wil|willen|ga|gaan|zou|zouden) (?:\w+ ){0,3}(?:kopen|aanschaffen|nemen|hebben)\b(?! (?:een|iets|"
    r"zo'?n|nog)\b)|"
    r"(?:ik|we) (?:neem|nemen|koop|kopen) (?:hem|haar|die|deze|het|de \w+)|"
    r"(?:kan|mag|wil) (?:ik|we) (?:\w+ ){0,2}(?:reserveren|vastzetten|vast zetten|apart (?:laten )?zetten|kopen)|"
    r"reserve(?:ren|er)\b|vastzetten|(?:i'?d|i would|i want to|i'?ll|we'?d|we want to) (?:like to )?(?:buy|purchase|take) (?:it|the|this|that)|"
    r"i'?ll take it|(?:can i|could i|how do i) (?:reserve|buy|purchase)|hold it for me|set it aside|"
    r"hoe (?:gaat|werkt) (?:dat|het) (?:\w+ )?(?:verder|met kopen)|next steps|wat (?:is|zijn) de volgende stap)\b")

DEFER = _P(
    r"\b(?:(?:ik|we|wij) (?:denk|denken|moet|moeten|ga|gaan) (?:er )?(?:nog )?(?:even |eens |wat )?(?:over )?(?:na ?denken|nadenken|over na)|"
    r"(?:ik|we|wij) (?:kom|komen|kijk|kijken|app|appen|meld|melden|bel|bellen|laat|laten) (?:\w+ ){0,3}?"
    r"(?:later|een (?:andere|volgende) keer|binnenkort|volgende week|nog wel|wel (?:weer|terug|een keer|nog))\b|"
    r"denk er (?:nog )?(?:even |eens )?over na|misschien (?:later|een andere keer|volgende week|binnenkort|nog)|"
    r"(?:ik|we) (?:kom|komen|laat|laten) (?:er |het )?(?:nog )?(?:op terug|weten|horen)|nieuwe poging|"
    r"(?:ik|we) (?:moet|moeten) (?:het )?(?:nog )?(?:even )?overleggen|(?:nog )?(?:even )?(?:overleggen|bespreken) met|"
    r"think (?:about it|it over)|maybe (?:later|next week|another time)|get back to you|let you know)\b")

OPT_IN = _P(
    r"\b(?:(?:inschrijven|ingeschreven|inschrijving|aanmelden) (?:\w+ ){0,2}(?:voor|op|bij) (?:de |jullie |een |uw |je )?"
    r"(?:nieuwsbrief|zoeklijst|wachtlijst|mailing\w*|lijst|updates|zoekopdracht)|(?:nieuwsbrief|zoeklijst|wachtlijst|mailing\w*)"
    r"\b.{0,30}\b(?:inschrijven|aanmelden)|"
    r"(?:op de hoogte|een seintje|een berichtje|bericht) (?:\w+ ){0,3}(?:houden|krijgen|sturen|geven)|"
    r"(?:laat|laten) (?:\w+ ){0,2}weten (?:als|wanneer|zodra)|zodra (?:er )?(?:\w+ ){0,4}binnen ?komt|"
    r"notify me|let me know (?:when|if)|keep me (?:posted|updated)|"
    r"^(?:start|unstop|aanmelden)$|(?:weer|opnieuw) (?:berichten|aanmelden|ontvangen)|resubscribe)\b")

# Opt-out look-alikes: correcting a search ("stop, ik bedoelde…"), cancelling a drive
# ("afmelden voor de proefrit") and registering ("inschrijven") are no request to stop messages.
OPT_OUT_LOOKALIKE = _P(
    r"\bstop\b(?: maar| dan| even)?[ ,.!]+(?:ik|wacht|sorry|nee|dat|ik bedoel\w*|i mean\w*|not|niet|laat|toch)\b|"
    r"\bbedoel\w*\b|\bi meant\b|"
    r"\b(?:afmelden|uitschrijven|afzeggen) (?:voor|van) (?:de|mijn|onze|die|het) (?:proefrit|afspraak|testrit|"
    r"test drive|bezichtiging)\b|\binschrijven\b|\bregistreren\b|\bstop (?:met )?(?:zoeken|de zoektocht)\b|"
    r"\bstop(?:t|ten)? (?:en|&) start\b|\bstart[ -]?stop\b")
# What makes a bare "stop" a request to stop messages: the whole message is the word, or it
# names the messages themselves.
OPT_OUT_CLEAR = _P(
    r"\b(?:berichten|berichtjes|nieuwsbrie\w*|whatsapp\w*|appjes|spam|reclame|mailings?|messages|texts)\b|"
    r"\bafmelden\b|\buitschrijven\b|\bunsubscribe\b|\bopt ?out\b|"
    r"\bniet meer (?:benader\w*|ge-?app\w*|app\w*|bericht\w*|contact\w*|stur\w*|gebeld|lastig\w*)\b|"
    r"\bmeld (?:me|mij|ons) (?:\w+ )?af\b|\bstuur (?:me|mij|ons) (?:\w+ )?(?:niks|niets|geen\w*) meer\b|"
    r"\b(?:hou|houd|stop|stoppen) (?:nu |maar |alsjeblieft )?(?:op )?met (?:appen|app\w*|bericht\w*|sturen|mailen|sms\w*)\b|"
    r"\bstop (?:texting|messaging|sending|contacting|writing to) (?:me|us)\b|\bdon'?t (?:text|message|contact) (?:me|us)\b")
# The whole message is the one word: "STOP", "afmelden".
OPT_OUT_WORD = _P(r"^\W*(?:stop|stopp+|afmelden|uitschrijven|unsubscribe|opt ?out|stop alsjeblieft|stop aub)\W*$")

COMPARE = _P(
    r"\b(?:(?:prijs)?verschil\w*|vergelijk(?!baa?r)\w*|twijfel(?:en)? tussen|kiezen tussen|of (?:de|die) \w+ beter|welke (?:is|zou) "
    r"(?:je|jij|u)? ?(?:beter|aanraden|adviseren|kiezen)|difference\w*|compare\w*|which (?:is|would you) "
    r"(?:better|recommend)|torn between|versus|\bvs\b|naast elkaar|(?<!minste km )op een rij)\b")

# "welke daarvan", "van die", "die ook": a question within what was just found.
REFERS_BACK = _P(r"\b(?:daarvan|daar van|van die|van deze|van de twee|van die \w+|of those|of them|of these|"
                 r"welke van|which (?:one )?of|uit die lijst|die je (?:net )?(?:noemde|stuurde|liet zien)|"
                 r"van jullie (?:\w+ )?(?:lijst|selectie))\b")
AMONG_TWO = _P(r"\b(?:van de (?:twee|2|beide)|(?:welke|wie) van (?:beide|de beide)|of the two|of both|"
               r"tussen (?:die|deze|de) (?:twee|2))\b")
AMONG_SHOWN = _P(r"\b(?:van (?:die|deze|de) (?:drie|3|vier|4|vijf|5|lijst)|of (?:those|these|the) (?:three|3|four)|"
                 r"uit (?:die|deze|de) lijst)\b")

# Pointing at a car instead of naming it.
PRONOUN = _P(r"\b(?:die|deze|dat|dit|hij|hem|ie|het|m|zij|haar|daar|daarvan|daarop|erop|"
             r"it|that one|this one|that car|this car|its|the car|de auto|die auto|deze auto|die wagen|"
             r"zo'?n auto|zon auto|zo'?n|zon)\b")

# A clause that asks rather than tells: starts with a question word or an inverted verb.
QUESTION = _P(r"\b(?:hoeveel|welke|welk|hoe|which|how)\b|"
              r"^(?:en |of |maar |ok |oke |oh |ah |dus |nou )?(?:hoeveel|wat|welke|welk|wie|hoe|waar|wanneer|waarom|"
              r"is|zijn|heeft|hebben|heb|hebt|kan|kun|kunnen|mag|mogen|moet|moeten|zit|zitten|wordt|worden|"
              r"krijg|krijgt|krijgen|gaat|staat|staan|rijdt|doet|klopt|weet|"
              r"do|does|did|is|are|has|have|can|could|would|will|what|which|how|where|when|who)\b")

SEARCH_VERB = _P(
    r"\b(?:zoek\w*|gezocht|op zoek|looking for|searching|(?:heb|hebben|hebt|heeft) (?:jullie|je|u|ge|jij) "
    r"(?:\w+ ){0,2}(?:een|nog|ook|iets|zo'?n|misschien|toevallig|wat|elektrische|eentje|er een|\w+s)\b|(?:heb|hebben|hebt) (?:jullie|je|ge|"
    r"u) (?:\w+ ){0,4}staan\b|wat (?:heb|hebben|hebt) "
    r"(?:jullie|je|u|ge|jij)\b|(?:staat|staan|is|zijn) er (?:\w+ )?(?:nog )?(?:een|iets|ook)|verkopen jullie|"
    r"do you (?:have|sell|stock)|have you got|got any|any (?:\w+ )?cars?|what (?:do you|have you) (?:have|got)|"
    r"interesse in|interested in|(?:ik|we) (?:wil|willen) (?:graag )?(?:een|iets)|laat (?:eens |me )?(?:\w+ )?zien|"
    r"iets (?:met|op|van|anders|ruimers|groters|kleiners|goedkopers|nieuwers|zuinigers)|ook iets|andere opties|"
    r"wat (?:is er|staat er|heb je) (?:nog|zoal|allemaal)|nog meer|wat nog meer|anything else|more options)\b")

# What a customer says of their own car ("mijn Opel Zafira", "ik heb nog een 508 SW die ik wil inruilen").
OWN_CAR = _P(r"\b(?:mijn|mijne|m'?n|onze|ons|my|our)\s+(?:\w+\s+){0,2}?|\b(?:ik )?(?:heb|rijd) (?:nu |nog |momenteel |zelf )*"
             r"(?:een|in een)\s+|\bi (?:have|drive|own) an?\s+|\bi'?m driving an?\s+|\bhet is (?:een|mijn)\s+|\bit'?s an?\s+|"
             r"\bmijn (?:inruil|inruilauto|huidige auto|oude auto) is (?:een )?")

# In a hurry for a car: "het moet snel", "mijn auto is total loss", "asap".
HURRY = _P(r"\b(?:het moet snel|moet (?:\w+ )?snel|zo snel mogelijk|z\.?s\.?m\.?|haast|dringend|spoed|asap|urgent\w*|"
           r"total ?loss|as soon as possible|need (?:it|one|a car) (?:fast|quickly|soon)|heb (?:hem|er een|een auto) "
           r"(?:snel|direct|meteen) nodig)\b")
