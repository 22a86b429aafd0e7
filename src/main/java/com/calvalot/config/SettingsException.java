package com.calvalot.config;

/** Un réglage invalide : le message tient sur une ligne et nomme la variable. */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
