package com.calvalot.security;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Entre le décodeur HTTP de Netty et Vert.x, sur chaque connexion : les requêtes reçues dont la
 * réponse n'est pas encore passée dans la socket. Vert.x 4 lit et met en file, sans limite, les
 * requêtes enchaînées (pipelining) derrière celle qu'il sert, et chaque réponse non lue attend en
 * mémoire directe : un client qui envoie sans jamais lire remplissait le tas ou gelait la boucle
 * d'événements. Un navigateur n'enchaîne jamais (une requête à la fois par connexion) ; la connexion
 * est donc fermée dès qu'elle a plus de {@value #MAX_UNANSWERED} requêtes en attente, ou qu'une
 * requête de plus arrive alors que les réponses précédentes ne sont pas lues (tampon d'écriture de
 * Netty au-dessus de son seuil haut). Tout ce qu'elle envoie ensuite est jeté sans être décodé plus loin.
 * Une seule requête en cours (un gros téléchargement lu lentement) n'est jamais coupée : celle-là
 * suit la contre-pression de sa réponse (writeQueueFull).
 */
final class UnansweredRequests extends ChannelDuplexHandler {

    /** Une poignée : un client qui enchaîne honnêtement (rare) n'en a pas besoin de plus. */
    static final int MAX_UNANSWERED = 8;

    /** Prévenu sur la boucle d'événements : la connexion attend une réponse, n'en attend plus, est coupée. */
    interface Watcher {
        /** Une requête est arrivée alors que toutes les réponses étaient parties. */
        void busy();

        /** La dernière réponse attendue est passée dans la socket : rien n'est en cours. */
        void idle();

        /** Coupée : trop de requêtes sans réponse, ou des réponses qu'elle ne lit pas. */
        void cut();
    }

    private final Watcher watcher;
    private int unanswered;
    private boolean closing;

    UnansweredRequests(Watcher watcher) {
        this.watcher = watcher;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest) {
            if (unanswered++ == 0) {
                watcher.busy();
            }
            if (unanswered > MAX_UNANSWERED || (unanswered > 1 && !ctx.channel().isWritable())) {
                ReferenceCountUtil.release(msg);
                close(ctx);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent && !informational(msg)) {
            // la réponse compte comme partie quand le noyau l'a prise, pas quand Vert.x l'a posée
            ChannelPromise sent = promise.unvoid();
            sent.addListener(ignored -> {
                // jamais sous zéro : une réponse qu'aucune requête décodée n'attendait ne compte pas
                if (unanswered > 0 && --unanswered == 0 && !closing) {
                    watcher.idle();
                }
            });
            ctx.write(msg, sent);
            return;
        }
        ctx.write(msg, promise);
    }

    /** Le tampon d'écriture déborde alors que d'autres requêtes attendent : ce client ne lit pas. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable() && unanswered > 1 && !closing) {
            close(ctx);
            return;
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void close(ChannelHandlerContext ctx) {
        closing = true;
        // plus rien à lire ni à écrire pour elle : ce qui attend dans le tampon d'écriture est libéré
        ctx.channel().config().setAutoRead(false);
        watcher.cut();
        ctx.channel().close();
    }

    /** Un « 100 Continue » ou « 103 Early Hints » précède la vraie réponse. */
    private static boolean informational(Object msg) {
        return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }
}
