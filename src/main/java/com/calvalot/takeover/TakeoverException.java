package com.calvalot.takeover;

/**
 * Une base que l'on ne reprend pas (étrangère, de forme inconnue) ou une reprise qui échoue : le
 * message est la ligne unique montrée à l'utilisateur. Jamais de cause SQL attachée, pour que la
 * ligne d'arrêt (CalvALot.rootMessage) ne soit jamais une erreur SQL brute.
 */
public final class TakeoverException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public TakeoverException(String message) {
        super(message);
    }
}
