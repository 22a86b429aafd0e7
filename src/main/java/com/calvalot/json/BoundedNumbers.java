package com.calvalot.json;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Les nombres venus de l'extérieur (le leader, une ligne stockée par une version plus ancienne) sont
 * bornés par leur TAILLE, pas seulement par leur longueur : {@code 1e-100000000} tient en 12 caractères
 * mais toPlainString, setScale ou une addition le développeraient en 100 millions de chiffres.
 * Tout se décide sur l'exposant (précision − échelle), calculé sans jamais développer le nombre.
 */
public final class BoundedNumbers {

    /** Plus petit que 1e-20 : sans effet sur un montant à 8 décimales, il compte pour 0. */
    public static final int MIN_MAGNITUDE = -20;
    /** 1e20 ou plus : aucun champ du protocole n'en porte, le nombre est hors bornes. */
    public static final int MAX_MAGNITUDE = 20;

    private BoundedNumbers() {
    }

    /** La position du premier chiffre significatif (0 pour 1 à 9,99…, -3 pour 0,00x), sans développer. */
    public static long magnitude(BigDecimal value) {
        return (long) value.precision() - value.scale() - 1;
    }

    /** Non nul et plus proche de 0 que 1e-20. */
    public static boolean isTiny(BigDecimal value) {
        return value.signum() != 0 && magnitude(value) < MIN_MAGNITUDE;
    }

    /** 1e20 ou plus en valeur absolue. */
    public static boolean isHuge(BigDecimal value) {
        return value.signum() != 0 && magnitude(value) >= MAX_MAGNITUDE;
    }

    /**
     * La valeur telle qu'on la traite : un nombre minuscule devient 0, un nombre dans les bornes reste
     * lui-même, un nombre énorme donne null (à refuser par l'appelant).
     */
    public static BigDecimal treated(BigDecimal value) {
        if (value == null || isHuge(value)) {
            return null;
        }
        return isTiny(value) ? BigDecimal.ZERO : value;
    }

    /**
     * Une copie de l'arbre où chaque nombre est bornable : un minuscule devient 0, un énorme ou non fini
     * devient son texte court ({@code "1E+999999999"}, {@code "NaN"}). L'arbre d'origine n'est pas modifié ;
     * rendu tel quel quand il n'y a rien à changer.
     */
    public static JsonNode bounded(JsonNode node) {
        if (node == null || !needsBounding(node)) {
            return node;
        }
        return copy(node);
    }

    private static boolean needsBounding(JsonNode node) {
        if (node.isNumber()) {
            return replacement(node) != null;
        }
        for (JsonNode child : node) {
            if (needsBounding(child)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode copy(JsonNode node) {
        if (node.isNumber()) {
            JsonNode replaced = replacement(node);
            return replaced == null ? node : replaced;
        }
        if (node.isArray()) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            node.forEach(child -> array.add(copy(child)));
            return array;
        }
        if (node.isObject()) {
            ObjectNode object = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                object.set(field.getKey(), copy(field.getValue()));
            }
            return object;
        }
        return node;
    }

    /** Le nœud qui remplace un nombre hors bornes, ou null s'il peut rester tel quel. */
    private static JsonNode replacement(JsonNode number) {
        if (((NumericNode) number).isNaN()) {
            return TextNode.valueOf(number.asText());
        }
        if (number.isIntegralNumber() && number.canConvertToLong()) {
            return null; // 19 chiffres au plus : toujours lisible et écrivable
        }
        BigDecimal value = number.decimalValue();
        if (isHuge(value)) {
            return TextNode.valueOf(value.toString());
        }
        return isTiny(value) ? DecimalNode.valueOf(BigDecimal.ZERO) : null;
    }
}
