"""The intent cue table: (intent, weight, pattern) on normalised text, and the pattern helpers.

Kept apart from the scoring in `intents.py` because it is data that grows with every new way
customers phrase things, while the scoring rules stay small.
"""
from __future__ import annotations

import re

_P = re.compile


def _split_verb(heads: str, tail: str, gap: int = 5) -> str:
    """Pattern for a Dutch separable or modal construction whose parts sit apart.

    Dutch puts the object between the verb and its particle or infinitive ("nemen jullie mijn
    oude auto over", "mag ik er morgen even mee rijden"), so a fixed phrase list never covers
    it. This matches `heads`, then up to `gap` words, then `tail`, within one clause.
    """
    return rf"\b(?:{heads})\b(?:[ ,][^ .?!;]+){{0,{gap}}}? (?:{tail})\b"


_MODALS = "mag|mogen|kan|kun|kunnen|wil|willen|zou|zouden|wilde|wou|graag"

# A named day or clock time. Next to a verb of coming, seeing or driving it turns a message into
# an appointment request ("wij komen zaterdag om 11 uur naar de cx5 kijken"): the contract makes
# any request that names a day or time for a viewing a test drive, however far apart the words are.
_WHEN = (r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
         # Dutch glues the part of the day on: "zaterdagvoormiddag", "dinsdagavond"
         r"(?:ochtend|morgen|voormiddag|middag|namiddag|avond|nacht)?|vandaag|morgen|overmorgen|"
         r"vanmiddag|vanavond|vanochtend|vanmorgen|weekend|volgende week|"
         r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|"
         r"om \d{1,2}(?:[:.]\d{2})?|\d{1,2}[:.]\d{2}|\d{1,2} ?(?:uur|u)|at \d{1,2}(?: ?[ap]m)?)")
_VISIT = (r"(?:kijken|bekijken|zien|komen|kom|langs ?komen|langs ?kom|langs|passeren|rijden|"
          r"proberen|testen|bezichtigen|see|view|come|drive|test|check (?:it|her|them|the \w+) out|"
          r"look at)")

# (intent, weight, pattern) on normalised text
CUES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    # --- opt_out: overrides everything
    ("opt_out", 6, _P(r"^\W*stop\W*$|^\W*stop\b(?! ?start)|\bstop (?:met|nou|ermee|eens|alsjeblieft|"
                      r"alstublieft|graag|please|sending|messaging|texting|de berichten|die berichten)\b")),
    ("opt_out", 6, _P(r"\b(?:afmelden|uitschrijven|unsubscribe|opt ?out|uitschrijving|afmelding|"
                      r"uitgeschreven|afgemeld)\b|\b(?:hou|houd|houden) (?:\w+ )?op met\b|\bophouden met\b")),
    ("opt_out", 6, _P(r"\bmeld (?:me|mij|ons|je) (?:maar )?(?:af|uit)\b|\bschrijf (?:me|mij) uit\b")),
    ("opt_out", 5, _P(r"\b(?:geen|niet meer|nooit meer|stoppen met|stop met|stopt met) (?:\w+ ){0,2}(?:berichten|"
                      r"berichtjes|berichtje|appjes|apps|whatsapp\w*|spam|reclame|nieuwsbrief|nieuwsbrieven|"
                      r"mails?|mailtjes|sms(?:jes)?)\b")),
    # "stopt met mij te appen", "hou op met sturen": a stop verb aimed at the messaging itself
    ("opt_out", 5, _P(r"\b(?:stop|stopt|stoppen|hou op|houd op) (?:met )?(?:\w+ ){0,3}(?:te )?(?:sturen|appen|"
                      r"mailen|sms'?en|berichten|contacteren|benaderen)\b")),
    ("opt_out", 5, _P(r"\b(?:bel|app|mail|sms|stuur|contacteer) (?:me|mij|ons) (?:\w+ )?(?:niet meer|nooit meer)\b|"
                      r"\bleave me alone\b|\b(?:niks|niets) meer (?:van (?:jullie|u) )?(?:horen|ontvangen|krijgen)\b|"
                      r"\bremove (?:me|my (?:number|details|data|contact))\b|\bno more (?:messages|texts|whatsapp\w*)\b|"
                      r"\bdon'?t (?:text|message|contact|whatsapp) me (?:again|anymore)\b")),
    ("opt_out", 5, _P(r"\bniet (?:meer )?(?:te )?(?:benaderd|benaderen|gebeld|ge-?appt|appen|contacteren|mailen|"
                      r"berichten|sturen|"
                      r"gecontacteerd|lastig ?(?:ge)?vallen|lastiggevallen|gestoord)\b")),
    ("opt_out", 5, _P(r"\bverwijder (?:me|mij|mijn (?:nummer|gegevens)|ons)\b|\buit (?:de|jullie) "
                      r"(?:verzendlijst|mailinglijst|lijst|bestand)\b|\blaat (?:me|mij) (?:met rust|gerust)\b")),
    ("opt_out", 5, _P(_split_verb("haal|zet|verwijder|schrap|haalt|zetten|halen", r"(?:van|uit) (?:de|jullie|het|uw) "
                                  r"(?:\w+)?(?:lijst|bestand|systeem|adresboek|database)", 3))),
    ("opt_out", 5, _P(r"\bstuur (?:me |mij |ons )?(?:geen|niks|niets) (?:\w+ )?meer\b|\bstuur (?:me|mij|ons) (?:geen|niks|niets)\b|"
                      r"\b(?:niet|nooit) meer (?:\w+ ){0,2}contact\b|\bgeen contact meer\b|\b(?:don'?t|do not|stop) "
                      r"(?:message|text|contact|messaging|texting|contacting) (?:me|us)\b|\bremove me\b")),
    # --- human
    ("human", 4, _P(r"\b(?:iemand|persoon|mens|medewerker|verkoper|collega|adviseur|manager|eigenaar|"
                    r"baas)\b.{0,30}\b(?:spreken|bellen|praten|contact)\b")),
    ("human", 3, _P(r"\b(?:spreken|praten) met (?:een|de|iemand|u)\b|\bechte? (?:persoon|mens|medewerker)\b|"
                    r"\biemand (?:anders|spreken|van de (?:zaak|verkoop|showroom|werkplaats|garage|receptie|"
                    r"administratie|klantenservice|service ?afdeling|aftersales|after sales|sales|"
                    r"boekhouding|directie)|van jullie)\b|\baan de (?:lijn|telefoon)\b")),
    ("human", 4, _P(r"\b(?:praat|spreek|praten|spreken|chat|chatten)\b (?:\w+ ){1,2}met (?:een|de|iemand|u)\b|"
                    r"\b(?:geen|no) (?:bot|robot|computer|chatbot)\b|\b(?:kan|kun|mag) (?:ik )?(?:\w+ )?bellen\b")),
    ("human", 3, _P(r"\been (?:echte? )?mens\b")),
    # "mag ik met jan van de verkoop spreken": a wish to speak with someone, whoever is named
    ("human", 4, _P(_split_verb("mag|kan|kun|zou|wil", r"met (?:\w+ ){0,5}(?:spreken|praten|bellen)", 2))),
    ("human", 4, _P(r"\b(?:is|zit) er (?:ook )?(?:een |wel )?(?:echte? )?(?:mens|persoon|medewerker)\b|"
                    r"\bis er iemand (?:aanwezig|die|van)\b|\bis this a (?:bot|robot|real person)\b")),
    # "geef mij iemand van ...", "kan ik jullie bellen, wat is het nummer": asking for a person
    ("human", 4, _P(r"\bgeef (?:me|mij) (?:eens |even |maar )?(?:iemand|een (?:mens|medewerker|persoon)|de "
                    r"(?:verkoper|baas|manager|eigenaar|chef))\b|\bkan ik (?:jullie|u|iemand) (?:\w+ )?bellen\b|"
                    r"\bwat is (?:het|jullie|uw|je) (?:tel(?:efoon)?)?nummer\b|\b(?:jullie|uw) (?:tel(?:efoon)?)?nummer\b")),
    ("human", 3, _P(r"\bmedewerker\b|\bverkoper (?:spreken|aan de lijn)\b|\bcollega\b")),
    ("human", 5, _P(r"\b(?:terug ?bellen|terugbel\w*|bel (?:me|mij|ons)|belt (?:me|mij)|"
                    r"(?:me|mij|ons) (?:\w+ ){0,2}(?:op ?bellen|bellen|terugbellen)|opbellen|"
                    r"(?:me|mij) (?:even |eens )?(?:contacteren|terugbellen)|(?:terug)?gebeld worden)\b")),
    ("human", 4, _P(r"\btelefonisch\b|\bcontact ?opnemen\b|\bcontacteren\b|\bneem (?:\w+ )?contact\b|"
                    r"\bgraag contact\b|\btelefoonnummer\b|\bdoor ?verbind\w*|\bverbind\w* (?:\w+ )?door\b|"
                    r"\bdoor(?:sturen| naar)\b")),
    ("human", 3, _P(r"\b(?:ben (?:je|jij|u)|is dit|praat ik met) (?:een )?(?:computer|robot|bot|chatbot|"
                    r"ai|automaat|programma)\b")),
    ("human", 5, _P(r"\b(?:call me|call (?:me )?back|someone (?:to )?call|have someone|speak (?:to|with)|"
                    r"talk (?:to|with)|real person|human|an agent|representative|sales ?person)\b")),
    # --- complaint
    ("complaint", 5, _P(r"\b(?:klacht\w*|klagen|ontevreden|niet tevreden|teleurgesteld|teleurstellend|"
                        r"schandalig|schande|schandelijk|belachelijk|waardeloos|slordig|onbeschoft|onvriendelijk|"
                        r"woedend|boos|kwaad|bedrogen|opgelicht|oplichters?|oplichterij|onacceptabel|"
                        r"waardeloze|teleurgestelde|ontevredene?|belazerd|afgezet|gelogen|voorgelogen|"
                        r"misleid\w*|verzwegen|niet netjes|niet (?:de|het) (?:hele )?waarheid|"
                        r"not happy|disappointed|terrible|awful|unacceptable|rude|scam|ripped off|lied|"
                        r"misled|complain\w*|dissatisfied|unhappy|fed up|bekocht|niet blij|poor service|worst|horrible)\b")),
    ("complaint", 4, _P(r"\bslechte? (?:service|ervaring|behandeling|communicatie|klantenservice|"
                        r"nazorg)\b|\bbad service\b|\bniemand (?:doet|neemt|belt|reageert)\b|\bwat een (?:service|klantvriendelijkheid)\b|"
                        r"\bnooit (?:terug)?gebeld\b|"
                        r"\bgeen reactie\b|\b(?:al|wel) (?:\d+|twee|drie|vier|vijf|tien|zoveel|zo vaak|meerdere|"
                        r"een paar) (?:keer|keren|maal) (?:gebeld|gemaild|geappt|gevraagd|langs ?geweest)\b|"
                        r"\b(?:wordt|werd|word) (?:er )?(?:nooit|niet) (?:terug)?gebeld\b|\bniet teruggebeld\b|\bwacht(?:en)? (?:al|"
                        r"nog steeds)\b|\b(?:nobody|no one|noone) (?:fixes|repairs|"
                        r"responds|answers|calls|replies|gets back|helps)\b")),
    ("complaint", 2.5, _P(r"\b(?:lekt|lekkage|lekken|geluid|herrie|kapot|defect|mankement|storing|"
                        r"(?<!geen )probleem|(?<!no )problems?|problemen|beschadigd|ontbreekt|ontbreken|roest|krassen|kras|deuk|schade|"
                        r"piept|rammelt|ratelt|tikt|trilt|slipt|motorlampje|lampje|rookt|"
                        r"squeak\w*|broken|leak\w*|noise|rattl\w*)\b|"
                        # defects as customers describe them: warning lights of any kind, jerky
                        # gearboxes, a car that stalls, English damage words
                        r"\b\w+lampj?e?s? (?:brandt|branden|gaat aan|aan)\b|\b\w*(?:storings|waarschuwings|motor|olie)lamp\w*|"
                        r"\bschok(?:t|ken|kerig|kerige)\b|\bhaper\w*|\bslaat (?:\w+ )?af\b|\bvalt (?:\w+ )?uit\b|"
                        r"\bkapotte\b|\bdefecte\b|\bgebrek\w*|\bfoutmelding\w*|\bstinkt\b|\bgescheurd\b|"
                        r"\b(?:accu|batterij) (?:is )?(?:al )?(?:leeg|dood|op)\b|\blege accu\b|"
                        r"\bscratch\w*|\bdent(?:ed|s)?\b|\bdamaged\b|\bfaulty\b|\bdefective\b|\bdead\b|"
                        r"\bwon'?t start\b|\bbroke down\b|\bbreaks down\b|\bwarning light\b|"
                        r"\bcheck engine\b|\bstopped working\b|\bcracked\b|\bstalls\b")),
    # a part of the car with a malfunction ("raampje gaat niet meer omhoog", "de remmen piepen",
    # "de airco blaast alleen warme lucht"): either half alone is too weak, together a complaint
    ("complaint", 3, _P(r"\b(?:motor|versnellingsbak|bak|koppeling|rem|remmen|airco|verwarming|accu|batterij|"
                        r"uitlaat|ruitenwissers?|raam|raampje|ramen|deur|portier|achterklep|kofferbak|koplampe?n?|"
                        r"navi|navigatie|radio|scherm|display|stuur|banden|band|turbo|distributieriem|ophanging|"
                        r"schokbrekers|vering|camera|sensoren|parkeersensoren|startmotor|dynamo|dak|lak|"
                        r"stoelverwarming|centrale vergrendeling|kilometerstand|km stand|teller|engine|brakes|"
                        r"gearbox|clutch|battery|aircon|heater|window|door|screen)\b.{0,30}"
                        r"\b(?:gaat niet|werkt niet|doet het niet|doet raar|klopt niet|piep\w*|kraak\w*|kraken|"
                        r"lek\w*|blaast|slipt|trekt|stuk|kapot|hapert|ratel\w*|rammel\w*|zakt|maakt|"
                        r"oververhit\w*|overheat\w*|doesn'?t|isn'?t working|won'?t|keeps)\b")),
    ("complaint", 2.5, _P(r"\b(?:is|zijn|alweer|weer|al) (?:\w+ )?stuk\b|\boververhit\w*|\boverheat\w*|"
                          r"\btrekt naar (?:links|rechts)\b|\bklopt niet\b|\brare geluiden\b|"
                          r"\bnog (?:steeds|altijd) (?:geen|niks|niets|niet)\b|\b(?:niks|niets|nooit iets) "
                          r"(?:meer )?gehoord\b|\bniemand (?:was|is) (?:er|aanwezig)\b|"
                          # "verkeerde banden eronder", but a wrong number is just a mistake
                          r"\bverkeerde (?!(?:nummer|persoon|chat|gesprek|app|bericht)\b)\w+|"
                          r"\b(?:you|u|jullie) (?:sold|verkocht) (?:me|mij)\b|"
                          r"\b(?:al|nu al) (?:\d+|twee|drie|vier|een paar|paar) (?:\w+ )?(?:weken|dagen|maanden)\b")),
    # something that should have come with the car and did not
    ("complaint", 2.5, _P(r"\b(?:maar|slechts|only) (?:1|een|one) (?:sleutel|key)\b|\bniet (?:mee)?gekregen\b|"
                        r"\b(?:sleutel|reservesleutel|boekje|onderhoudsboekje|handleiding|kenteken\w*|papieren) "
                        r"(?:\w+ ){0,3}(?:ontbreekt|ontbreken|kwijt|missing)\b|\bwaar (?:is|zijn|blijft|blijven) "
                        r"(?:de|het|mijn) (?:tweede|andere|reserve\w*|papieren|kenteken\w*|sleutel\w*|"
                        r"onderhoudsboekje)\b|\bwaar blijf\w*\b")),
    ("complaint", 2, _P(r"\b(?:werkt|doet het|start|deed het) niet\b|\bniet (?:uitgevoerd|gedaan|"
                        r"nagekomen|gerepareerd|gemaakt|geleverd|gebeurd|opgelost|verholpen|geregeld|klaar)\b|\bnot working\b|\bdoesn'?t work\b|"
                        r"\bterechtgekomen\b")),
    ("complaint", 2, _P(r"\bnog steeds\b|\bbeloofd\w*\b|\bbeloftes?\b|\bgeld terug\b|"
                        r"\bterugbrengen\b|\bgarantie\b|\bstill (?:not|no|broken)\b")),
    ("complaint", 2, _P(r"\b(?:gekocht|gekochte|kocht|opgehaald|afgeleverd|aangeschaft|gekregen|bought|"
                        r"purchased)\b")),
    # after-sale context: the customer owns the car since recently ("heb hem pas 2 weken",
    # "sinds ik hem heb", "die ik bij jullie kocht"); backs a problem description up
    ("complaint", 2.5, _P(r"\bsinds ik (?:hem|haar|ze|die|deze|de auto|de wagen|m) heb\b|"
                          r"\b(?:heb|hebben|rij|rijden) (?:hem|haar|ze|die|deze|de auto|de wagen|m) (?:\w+ )?"
                          r"(?:pas|nog maar|net|sinds)\b|\b(?:bij|van) (?:jullie|u) (?:ge)?(?:kocht|haald|"
                          r"aangeschaft|vandaan)\b|\b(?:net|pas|vorige week|gisteren) (?:\w+ )?(?:gekocht|opgehaald|"
                          r"afgeleverd|geleverd)\b|\bi bought\b|\bbought (?:it|her|from you)\b|\bsinds de (?:aflevering|levering|"
                          r"aankoop|reparatie|beurt)\b|\bsince (?:i (?:bought|picked)|the (?:purchase|delivery))\b")),
    # --- financing
    ("financing", 5, _P(r"financ|\blease|\bleas(?:en|ing)\b|privatelease|\bafbetal\w*|\btermijn\w*|"
                        r"\bmaandbedrag\w*|\bmaandlast\w*|\blening\b|\blenen\b|\bkrediet\w*|"
                        r"\baanbetal\w*|\brente\w*|\bbkr\b|\bloan\b|\binstal?l?ments?\b|"
                        r"\bdown ?payment\b|\bgespreid (?:te )?betal\w*|\bin delen\b|\blater betalen\b|"
                        r"\b(?:rest|restbedrag|de rest) (?:\w+ ){0,3}betalen\b")),
    ("financing", 3, _P(r"\bper (?:maand|month)\b|\bp/m\b|\bmonthly\b|\bmaandelijks\b")),
    # --- trade_in
    ("trade_in", 5, _P(r"\binruil\w*|\bin ?te ruilen\b|\bruilen\b|\btrade.?ins?\b|\bovername\w*|\bpart.?exchange\b|"
                       r"\blaten (?:schatten|taxeren|waarderen|keuren)\b|\btaxat\w*|\btaxeren\b|"
                       r"\bwaardebepaling\b|\binkopen\b|\bopkopen\b|\binkoop\b|\bin ruil\b|\bnemen (?:jullie|je|u) (?:ook )?(?:\w+ )?(?:auto|"
                       r"wagen)\w* in\b")),
    ("trade_in", 5, _P(r"\b(?:wat|hoeveel) (?:geven|bieden) (?:jullie|je|u)\b|\bgeven (?:jullie|je|u)\b"
                       r".{0,25}\bvoor\b|\bwat is (?:mijn|onze) .{0,25}(?:nog )?waard\b|"
                       r"\bkopen (?:jullie|je|u)\b.{0,30}\bin\b|\b(?:wat|hoeveel) (?:krijg|kan) ik (?:\w+ ){0,2}voor\b|\bmoet weg\b|"
                       r"\bwil (?:ervan|van (?:mijn|m) .{0,20}) af\b|"
                       r"\bwhat would you (?:offer|give|pay)\b|\bsell (?:my|our|you my)\b|\bbuy my\b|\bweg moet\b|"
                       r"\bdo you (?:buy|take) (?:used )?cars\b|\btrade (?:my|it|our|her|the) (?:\w+ ){0,2}in\b")),
    ("trade_in", 5, _P(r"\bingeruild\b|" + _split_verb("neem|nemen|neemt", "over|in", 5) + "|"
                       + _split_verb("koop|kopen|koopt", "in|op", 5))),
    ("trade_in", 4, _P(r"\b(?:mijn|onze|ons) (?:\w+ ){0,3}(?:verkopen|overnemen)\b|\bverkopen aan jullie\b|"
                       r"\bovernemen\b")),
    # an offer or valuation for the customer's own car: "wat geeft ge mij voor mijne megane",
    # "hoeveel is mijn auto nog waard", "ik wil mijn huidige auto kwijt"
    ("trade_in", 5, _P(r"\b(?:wat|hoeveel) (?:geeft|geven|bied|biedt|bieden|betaal|betalen) (?:jullie|je|u|jij)\b|"
                       r"\b(?:geef|geeft|geven|bied|biedt|bieden|betaal|betaalt|betalen|krijg|krijgen)\b.{0,30}"
                       r"\bvoor (?:mijn|onze|ons|m)\b|\bnog waard\b|\b(?:waarde|worth) (?:van|of) (?:mijn|onze|my|our)\b|"
                       r"\bkwijt (?:wil|moet|willen)\b|\bwhat'?s my .{0,25}worth\b|\bhow much is my .{0,25}worth\b|"
                       r"\b(?:mijn|m|onze) (?:\w+ ){0,3}kwijt\b|\b(?:accept|take) (?:trade|part)|"
                       r"\b(?:value|valuate|appraise) (?:my|our)\b|\b(?:valuation|appraisal) (?:\w+ ){0,2}(?:my|our)\b")),
    ("trade_in", 3, _P(r"\b(?:mijn|onze) (?:huidige|oude|vorige|eigen) (?:auto|wagen|bak)\b|\bmy (?:current|old) car\b")),
    # --- test_drive
    ("test_drive", 6, _P(r"\bproefr\w*|\bproef (?:te )?rijden\b|\btestr(?:it|ij)\w*|\btest ?drive\w*|"
                         r"\btest te rijden\b")),
    ("test_drive", 4, _P(r"\b(?:een keer|eens|even|een stukje|een rondje|een ritje) (?:mee |in |mee te |in te )?rijden\b")),
    ("test_drive", 4, _P(r"\b(?:uit)?proberen\b|\buit te proberen\b|\buittesten\b|\btesten\b|"
                         r"\bbezichtig\w*|\bbekijken\b|\bin (?:te )?rijden\b|\bmee rijden\b|"
                         r"\b(?:stukje|rondje|ritje|eindje|toerke|toertje|tourke)\b.{0,15}\b(?:rijden|toeren|maken|doen)\b")),
    ("test_drive", 3, _P(r"\b(?:kom|komen)\b.{0,50}\b(?:kijken|zien|testen|rijden|bekijken)\b|"
                         r"\b(?:come|stop) (?:by|and see|to see|in to see)\b|\bviewing\b|"
                         r"\btake (?:it|her) for a spin\b|\btry (?:it|the|out)\b|\bsee the car\b|"
                         r"\bfor a (?:test|drive|spin|look|viewing)\b")),
    ("test_drive", 3, _P(_split_verb(_MODALS, "rijden|zien|bekijken|bezichtigen|proberen|testen", 6))),
    ("test_drive", 4, _P(r"\b(?:een|n) (?:proef)?rit(?:je)? (?:\w+ )?(?:maken|doen|mee)\b")),
    ("test_drive", 2, _P(r"\blangs ?(?:komen|kom)\b|\bafspraak\b|\bappointment\b|\beven rijden\b|\bpasseren\b")),
    ("test_drive", 3, _P(rf"\b{_WHEN}\b.{{0,60}}\b{_VISIT}\b|\b{_VISIT}\b.{{0,60}}\b{_WHEN}\b")),
    # English wish to see or drive it ("would like to see the q3", "want to check it out"); a wish
    # to see the stock ("see what you have") is a search
    ("test_drive", 4, _P(r"\b(?:like|love|want|wanna|able|possible|come) to (?:see|view|check out|look at|drive|"
                         r"test|try)\b(?! (?:what|your|if|whether|more|some|other|all|the list|the range)\b)")),
    # --- opening_hours
    ("opening_hours", 5, _P(r"\bopening\w*|\btot hoe laat\b|\bhoe laat (?:open|dicht|sluit|gaan)|"
                            r"\bwhat time do you (?:open|close)\b|\bbusiness hours\b|\bclosing time\b")),
    ("opening_hours", 4, _P(r"(?<!sta )(?<!staat )(?<!staan )\bopen\b(?! (?:dak|voor|to)\b)|"
                            r"\bgeopend\b|\bdicht\b|\bgesloten\b|\bsluiten\b|\bclosed?\b")),
    ("opening_hours", 3, _P(r"\bterecht\b|\bbinnen ?(?:lopen|wippen|springen)\b|\bop welke dagen\b|"
                            r"\bwanneer (?:zijn|is) (?:jullie|u|de zaak|de showroom)\b|\bhoe laat\b(?! is het\b)|"
                            r"\bwanneer kan ik (?:\w+ )?(?:langs ?komen|langs|terecht|binnenlopen|binnen lopen|passeren)\b|\bkoop(?:avond|"
                            r"zondag)\w*")),
    ("opening_hours", 2, _P(r"\b(?:pasen|paasmaandag|paasdag|kerst\w*|feestdag\w*|pinkster\w*|"
                            r"hemelvaart|koningsdag|oudjaar\w*|nieuwjaar\w*|holidays?|christmas|easter)\b")),
    # --- location
    ("location", 5, _P(r"\badres\w*|\baddress\b|\bwaar (?:zitten|zit|zijn|is|ligt|liggen|staan|vind ik) "
                       r"(?:jullie|u|je|de (?:zaak|showroom|garage|vestiging))\b|\bzitten (?:jullie|u)\b|"
                       r"\broute\w*|\bhoe (?:kom|geraak|rij|rijd|fiets|loop|reis) (?:ik|je|jij|we|men)\b|\bwhere are you\b|"
                       r"\bnaartoe\b|\bwaar moet ik (?:zijn|heen|naartoe)\b|\bwhere (?:is|are) your\b|\bfind you\b|"
                       r"\bdirections\b|\blocated\b|\bhow do i get\b|\blocatie\b|\bvestiging\b|"
                       # someone outside who cannot find the door: "welk huisnummer", "zie jullie niet"
                       r"\bhuisnummer\b|\bwelke straat\b|\bstraatnaam\b|\b(?:zie|vind) (?:jullie|u|de zaak|de showroom) "
                       # "ik vind u niet eerlijk" is an opinion, so "niet" must close the clause
                       r"(?:nergens|niet)(?= ?(?:[?!.,]|$|staan|zitten|liggen|maar\b|en\b))|\b(?:kan|kon) (?:jullie|u|de zaak|"
                       r"de showroom) (?:\w+ )?niet (?:vinden|zien)\b|"
                       r"\bcan'?t find (?:you|your)\b")),
    # asked outright ("wat is het adres", "stuur me de locatie") it beats any other cue in the message
    ("location", 6, _P(r"\bwat is (?:het|jullie|uw|je) (?:exacte |precieze )?(?:adres|locatie)\b|"
                       r"\b(?:stuur|sturen|send|deel|delen) (?:\w+ ){0,3}(?:pin|pinnetje|locatie|location|adres)\b|"
                       r"\b(?:pin|pinnetje|locatie|location) (?:\w+ )?(?:sturen|doorsturen|delen|sharen|send)\b")),
    ("location", 4, _P(r"\bparkeer(?!sensor|hulp|camera|assist|pilot)\w*|\bparkeren\b|"
                       r"\bparking\b(?! ?(?:sensors?|camera|aid|assist))|\bbereikbaar\b|\bopenbaar vervoer\b|"
                       r"\bpostcode\b|\bwelke (?:stad|plaats|gemeente)\b|\bhoe ver\b|\bgoogle maps\b|\bwhere (?:can|do) i park\b|"
                       r"\b(?:bus|tram|metro|trein)?halte\b|\btreinstation\b|\b(?:bus|tram|metro|trein) (?:naar|bij|in de buurt)\b|"
                       r"\bpublic transport\b|\bbus stop\b|\btrain station\b|\bmet (?:de|het) (?:trein|bus|tram|metro|ov|fiets)\b|"
                       r"\bsnelweg\b|\bafrit\b|\bligt (?:het|dat|de zaak|jullie)\b")),
    ("location", 2, _P(r"\bbedrijventerrein\b|\bindustrieterrein\b|\bcentrum\b|\bstation\b|\bvinden\b|\bvanuit\b")),
    # --- price
    ("price", 5, _P(r"\bwat kost\w*|\bhoeveel\b.{0,40}\bkost\w*|\bhoeveel (?:vragen|vraag|moet|is (?:de|die|het|deze)|"
                    r"bedraagt|doet)\b|\bwat (?:vragen|vraag|moet) (?:jullie|je|u|die|de|het)\b|"
                    r"\bhow much\b|\bwhat does .{0,30}cost\b|\bhoeveel (?:voor|wil(?:len)? (?:jullie|je|u))\b")),
    ("price", 4, _P(_split_verb("wat|hoeveel", r"kost|kosten|kostte|opbrengen|doen", 5)
                    + r"|\bwat doet (?:die|de|deze|het|ie|hij|dat|dit)\b")),
    ("price", 4, _P(r"\b(?:vraag)?prijs(?!klasse)\w*|\bafding\w*|\bonderhandel\w*|\bkorting\b|"
                    r"\bgoedkoper\b|\bscherper\b|\bbespreekbaar\b|\blaatste bod\b|\bprice\b|"
                    r"\bdiscount\b|\bcheaper\b|\bnog (?:wat|iets) (?:aan|af)\b|\bbod\b|\bnegotia\w*|\bexpensive\b|"
                    r"\b(?:te|zo|erg|nogal|hoe|wel|best|vrij|heel|echt|redelijk) duur\b|\baan de dure kant\b|\bprijzig\w*|\bcosts?\b")),
    ("price", 3, _P(r"\b(?:ervoor|er voor|daarvoor) (?:hebben|krijgen|vragen|betalen)\b|\bbedrag\b|"
                    r"\bafleverkosten\b|\brijklaar\b|\bbtw\b|\btotaalprijs\b|\bmeerprijs\b")),
    ("price", 5, _P(r"\bik bied\b|\bmijn bod\b|\bbod van\b|\bwould you take\b|\bi(?:'d| would)? offer\b")),
    # haggling: "kan er 500 euro vanaf?", "gaat er nog wat af", "mag er iets af van de prijs"
    # "kan daar nog iets vanaf", "kan er 1000 af op die golf": the car may follow the discount
    ("price", 4, _P(r"\b(?:kan|kunnen|mag|gaat|wil|willen|doen) (?:er|jullie|je|u|daar|hier|d'?r|der) (?:nog )?(?:\w+ ){0,4}"
                    r"(?:vanaf|eraf|af|afdoen|af doen)(?= ?(?:[?!.,]|$|van de prijs|als|voor|bij|op|van (?:die|de|deze|het)))")),
    # --- car_search
    ("car_search", 4, _P(r"\bzoek\w*|\bgezocht\b|\bop zoek\b|\blooking for\b|\bsearching\b")),
    ("car_search", 3, _P(r"\bte koop\b|\bvoorraad\b|\baanbod\b|\bverkocht\b|\bwat staat er\b|"
                         r"\bstaan er\b|\bin stock\b|\bfor sale\b|\bnog beschikbaar\b|\bavailable\b|"
                         r"\bstaat .{0,40}\bnog\b|\bnog (?:te koop|beschikbaar|leverbaar|aanwezig|er)\b|"
                         r"\bdo you (?:have|sell)\b|\bhave you got\b|\bany\b.{0,30}\bcars?\b")),
    ("car_search", 2, _P(r"\b(?:iets|auto|wagen|vervanging|vervangende|nieuwe|andere)\b.{0,20}\bnodig\b|"
                         r"\binteresse in\b|\bik wil (?:graag )?(?:een|zo'?n)\b|\bi want an?\b|"
                         r"\b(?:\d-?|zeven|7 ?)zitter\b|\bgezinsauto\b|\bnieuwe auto\b")),
    ("car_search", 1, _P(r"\b(?:heb|hebben|heeft) (?:jullie|je|u|ge)\b|\bzijn er\b|\bis er\b")),
    ("car_search", 2, _P(r"\b(?:heb|hebben|heeft) (?:jullie|je|u|ge) (?:nog|ook|misschien|toevallig)\b|"
                         r"\bwat (?:hebben|heb|heeft) (?:jullie|je|u) (?:\w+ ){0,3}(?:staan|te koop|op voorraad)\b")),
    ("car_search", 2, _P(r"^(?:heeft|zit er in|hebben|is) (?:de|die|deze|dat|het) (?:auto|wagen|\w+ (?:een|nog|al))\b")),
    ("car_search", 1, _P(r"\bnodig\b|\b(?:apk|nap|onderhoudshistorie|onderhoudsboekje|trekhaak|navigatie|"
                         r"airco|cruise control|schadevrij|kilometerstand|kleur|opties)\b")),
    # models outside the labelled list ("hebben jullie een t-roc?") are never entities, but they
    # still show the message is about a car
    ("car_search", 2.5, _P(r"\b(?:t[ -]?roc|t[ -]?cross|touran|arteon|caddy|transporter|mokka|grandland|crossland|"
                           r"insignia|zafira|108|308|508|5008|rifter|twingo|kadjar|arkana|austral|scenic|zoe|"
                           r"prius|rav[ -]?4|auris|stonic|ev[ -]?6|ioniq|bayon|santa fe|puma|mondeo|transit|superb|"
                           r"karoq|kodiaq|scala|enyaq|a1|a5|a6|q2|q5|x3|x5|gla|glc|xc[ -]?60|xc[ -]?90|v60|v90|"
                           r"berlingo|panda|tipo|juke|leaf|cx[ -]?30|mx[ -]?5|arona|ateca|model [sx]|countryman|"
                           r"vitara|ignis|jogger|logan|jazz|civic|cr[ -]?v|outlander|space star|swace)\b")),
    # "iets zuinigs", "iets ruims voor het gezin": the Dutch way to describe the car wanted
    ("car_search", 3, _P(r"\biets (?:zuinigs|ruims|kleins|groots|sportiefs|betrouwbaars|goedkoops|moois|"
                         r"leuks|degelijks|nieuws|jongs|compacts|stoers|luxes|praktisch|hogers)\b")),
    ("car_search", 1, _P(r"\biets (?:van|met|dat)\b|\b(?:autos?|wagens?|occasions?|tweedehands|cars?)\b")),
    # --- greeting / goodbye (only win without a request)
    ("greeting", 3, _P(r"^\W*(?:hoi|hallo|halo|hey|hee+|hej|heej|hi|hello|hiya|yo|dag|goede(?:n)?dag|"
                       r"goedemorgen|goedemiddag|goedenavond|goedenacht|morgen|middag|avond|"
                       r"good (?:morning|afternoon|evening)|salut|bonjour|beste|geachte|moi|moin|"
                       r"hallo daar|hoi daar|howdy|greetings)\b")),
    ("greeting", 2, _P(r"\bhoe gaat (?:het|ie)\b|\balles goed\b|\bhow are you\b|\b(?:ik )?heb (?:een|"
                       r"nog een|even een) vraag(?:je)?\b|\bmag ik (?:iets|wat) vragen\b|\bi have a question\b")),
    ("goodbye", 3, _P(r"\b(?:bedankt|dank (?:je|u|jullie)|dank|thanks|thank you|merci|doei|daag|"
                      r"tot (?:ziens|later|straks|morgen|dan|zaterdag|zondag|de volgende keer|kijk|gauw)|"
                      r"fijne (?:dag|avond|middag|weekend|week|feestdagen)|prettige (?:dag|avond|weekend)|"
                      r"goede (?:dag|avond)|groetjes|groeten|mvg|bye|goodbye|cheers|have a (?:nice|good)|"
                      r"salukes|saluut|salu|ciao|ajuus|adios|adieu|houdoe|tabee|see you|doeg|doegie|doegg|dada|"
                      r"bye bye|byebye|take care)\b")),
    ("goodbye", 1, _P(r"^\W*(?:oke|top|super|perfect|prima|helemaal goed|mooi|fijn|geweldig|great|"
                      r"awesome|cool|nice|duidelijk|ok|alright|top hoor|helder|begrepen|komt goed)\b")),
)
