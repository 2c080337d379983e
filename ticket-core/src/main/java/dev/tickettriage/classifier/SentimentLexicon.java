package dev.tickettriage.classifier;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An English and Spanish sentiment lexicon written for this project (valences roughly in [-1, 1]), with
 * negators, intensifiers, diminishers, contrast words and "neutral unless negated" verbs such as
 * "works"/"funciona". Accent-free, lower-case keys; parsed once.
 */
final class SentimentLexicon {

    private static final String WORDS = """
            good .5, great .7, excellent .8, amazing .8, awesome .8, fantastic .8, wonderful .8, love .7, loved .7,
            loving .6, lovely .6, nice .5, happy .6, glad .5, pleased .5, thank .3, thanks .3, thx .3, appreciate .6,
            appreciated .6, helpful .6, best .7, perfect .7, friendly .5, kind .4, quick .3, quickly .3, fast .3, easy .4,
            smooth .4, cool .3, fun .4, enjoy .5, enjoyed .5, beautiful .6, impressed .6, impressive .6, brilliant .7,
            superb .8, outstanding .8, exceptional .7, fabulous .7, grateful .6, thankful .6, recommend .4, pleasant .5,
            comfortable .4, yay .5, woohoo .5, wow .3, excited .5, exciting .5, favorite .5, favourite .5, sweet .4,
            resolved .4, solved .4, hero .5, kudos .6, congrats .5, congratulations .5, win .3, proud .4, safe .3,
            thankfully .4, kindness .6, friendliest .7, shoutout .5, professional .4, fan .4, haha .3, xoxo .4,
            luvin .6, awesomeness .7, helped .3, fantastic .8, terrific .7, phenomenal .8, glad .5, cheers .4, :) .5, :( -.6,
            luv .6, gr8 .6, classy .5, props .4, fixed .2, smile .4, bueno .5, buena .5, buen .5, excelente .8,
            genial .7, increible .6, maravilloso .8, maravillosa .8, perfecto .7, perfecta .7, encanta .7, encanto .7,
            gracias .5, agradezco .6, agradecido .6, agradecida .6, contento .6, contenta .6, feliz .6, satisfecho .6,
            satisfecha .6, rapido .3, rapida .3, amable .5, amables .5, util .5, facil .4, mejor .3, estupendo .7,
            fantastico .8, recomiendo .4, felicidades .6, bien .3, solucionado .4, resuelto .4, encantado .6,
            encantada .6, gran .4,
            bad -.5, worse -.6, worst -.8, terrible -.8, horrible -.8, awful -.8, poor -.5, hate -.8, hated -.7, angry -.7,
            mad -.5, upset -.6, annoyed -.6, annoying -.6, frustrated -.7, frustrating -.7, frustration -.6,
            disappointed -.7, disappointing -.7, disappointment -.6, unacceptable -.8, ridiculous -.7, rude -.7,
            useless -.7, pathetic -.8, disgusting -.8, disgrace -.8, shameful -.7, shame -.5, incompetent -.8,
            incompetence -.8, sucks -.7, suck -.6, stupid -.6, joke -.4, nightmare -.8, disaster -.8, fail -.6,
            failed -.5, failure -.6, fails -.5, broken -.5, wrong -.4, problem -.3, problems -.3, issue -.2, issues -.2,
            error -.3, delay -.4, delayed -.5, delays -.4, cancelled -.5, canceled -.5, cancellation -.4, late -.4,
            lost -.5, stuck -.5, stranded -.7, missed -.5, waiting -.3, wait -.3, unhappy -.7, sad -.5, worried -.4,
            confused -.3, confusing -.4, scam -.8, fraud -.7, lie -.6, lied -.7, lies -.6, liar -.7, misleading -.6,
            overbooked -.5, dirty -.5, slow -.4, unhelpful -.7, unprofessional -.7, unreliable -.6, inconvenience -.5,
            inconvenienced -.5, ruined -.7, ruin -.6, wtf -.6, damn -.4, crap -.6, shit -.6, ugh -.5, smh -.5, fml -.7,
            ignored -.6, ignoring -.6, excuse -.4, excuses -.5, lousy -.7, mess -.6, chaos -.6, tired -.4, sick -.5,
            waste -.6, wasted -.6, missing -.4, damaged -.5, complaint -.5, complain -.5, fault -.4, disappoint -.6, disappoints -.6,
            malo -.5, mala -.5, mal -.5, peor -.7, pesimo -.8, pesima -.8, fatal -.7, odio -.8, enfadado -.7,
            enfadada -.7, enojado -.7, enojada -.7, molesto -.6, molesta -.6, harto -.7, harta -.7, frustrado -.7,
            frustrada -.7, decepcionado -.7, decepcionada -.7, decepcion -.6, inaceptable -.8, ridiculo -.7,
            verguenza -.7, vergonzoso -.7, indignante -.8, indignado -.7, inutil -.7, inutiles -.7, incompetente -.8,
            incompetentes -.8, estafa -.8, fraude -.7, problema -.3, retraso -.4, retrasado -.4, cancelado -.4,
            perdido -.4, esperando -.3, lento -.4, lenta -.4, roto -.5, rota -.5, danado -.5, queja -.5, grosero -.7,
            maleducado -.7, desastre -.8, triste -.5, preocupado -.4, asco -.8, basura -.7,
            screwed -.7, screwing -.7, cranky -.5, inferior -.6, clown -.4, impatient -.4, stressed -.4,
            unfortunately -.4, sadly -.4, nope -.3, again -.2, hours -.12, hrs -.12, hour -.1, lack -.4, attitude -.3,
            worthless -.8, hopeless -.6, rebooked -.2, diverted -.3, cancel -.3, overpriced -.5, cramped -.4,
            crash -.4, crashed -.4, bug -.3, outage -.5, pointless -.6, filthy -.7, mold -.4, scared -.5, seriously -.3,
            desafortunadamente -.4, lamentablemente -.4, otra -.05,
            😊 .6, 😀 .6, 😃 .6, 😁 .6, 🙂 .4, 😍 .8, ❤ .7, ♥ .6, 👍 .5, 👏 .5, 💯 .4, 🎉 .5,
            😡 -.8, 😠 -.7, 😤 -.6, 😞 -.6, 😢 -.6, 😭 -.6, 👎 -.6, 😒 -.5, 🙄 -.5, 😩 -.6, 😫 -.6, 💩 -.6
            """;

    private static final String PHRASES = """
            still waiting -.6, third time -.5, second time -.3, on hold -.5, no response -.6, no answer -.5,
            thank you so much .9, thanks so much .8, thank you .35, fed up -.7, never again -.8, waste of time -.8,
            well done .6, great job .8, what a joke -.7, for hours -.5, opening hours 0, business hours 0, office hours 0, working hours 0, let down -.6, big thanks .6, no one -.3,
            sigo esperando -.6, otra vez -.3, tercera vez -.5, muchas gracias .7, mil gracias .8, de nuevo -.2,
            ni caso -.6, una verguenza -.8, rip off -.7, please help -.3, at least -.3, should have -.2, should've -.2, only cares -.5, no worries .4, no problem .3, above and beyond .8, went above .6, nice job .7, good job .7, hung up -.5, no help -.6, any help -.3
            """;

    /** Words that carry no sentiment alone but turn negative when negated ("no funciona", "never arrived"). */
    static final Set<String> NEGATABLE = Set.of("work", "works", "working", "worked", "help", "helped", "helping",
            "respond", "responded", "answer", "answered", "arrive", "arrived", "received", "reply", "replied", "sure",
            "funciona", "funcionan", "funciono", "ayuda", "ayudan", "ayudaron", "responde", "responden", "contestan",
            "llegado", "llega", "llego", "recibido", "sirve", "solucionan");

    static final Set<String> NEGATORS = Set.of("not", "no", "never", "none", "nobody", "nothing", "neither", "nor",
            "cannot", "can't", "cant", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt",
            "wasn't", "wasnt", "aren't", "arent", "won't", "wont", "wouldn't", "wouldnt", "shouldn't", "couldn't",
            "couldnt", "haven't", "havent", "hasn't", "hasnt", "hadn't", "ain't", "without", "nunca", "jamas", "ni",
            "tampoco", "nadie", "nada", "sin", "ningun", "ninguna", "ninguno");

    static final Map<String, Double> INTENSIFIERS = Map.ofEntries(Map.entry("very", 1.5), Map.entry("so", 1.4),
            Map.entry("really", 1.4), Map.entry("extremely", 1.8), Map.entry("totally", 1.5), Map.entry("completely", 1.5),
            Map.entry("absolutely", 1.6), Map.entry("super", 1.5), Map.entry("incredibly", 1.7), Map.entry("too", 1.3),
            Map.entry("highly", 1.4), Map.entry("truly", 1.4), Map.entry("utterly", 1.7), Map.entry("such", 1.3),
            Map.entry("muy", 1.5), Map.entry("totalmente", 1.5), Map.entry("completamente", 1.5),
            Map.entry("sumamente", 1.7), Map.entry("extremadamente", 1.8), Map.entry("demasiado", 1.4),
            Map.entry("tan", 1.4), Map.entry("realmente", 1.4), Map.entry("bastante", 1.2), Map.entry("absolutamente", 1.6));

    static final Map<String, Double> DIMINISHERS = Map.of("slightly", 0.5, "somewhat", 0.6, "bit", 0.6, "little", 0.6,
            "kinda", 0.6, "fairly", 0.8, "barely", 0.5, "poco", 0.6, "algo", 0.7, "ligeramente", 0.5);

    static final Set<String> CONTRASTS = Set.of("but", "however", "although", "though", "pero", "aunque", "embargo");

    static final Map<String, Double> WORD_VALENCE = parse(WORDS);
    static final Map<String, Double> PHRASE_VALENCE = parse(PHRASES);

    private SentimentLexicon() {
    }

    private static Map<String, Double> parse(String table) {
        Map<String, Double> values = new HashMap<>();
        for (String item : table.split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) continue;
            int space = entry.lastIndexOf(' ');
            values.put(entry.substring(0, space).strip(), Double.parseDouble(entry.substring(space + 1)));
        }
        return Map.copyOf(values);
    }
}
