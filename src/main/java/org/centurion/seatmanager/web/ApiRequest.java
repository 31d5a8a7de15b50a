package org.centurion.seatmanager.web;

import org.centurion.seatmanager.auth.Caller;

import io.javalin.http.Context;

/** The request as a handler sees it: the Javalin context plus who was admitted and the request id. */
public record ApiRequest(Context ctx, Caller caller, String requestId) {}
