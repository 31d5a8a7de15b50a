package org.centurion.seatmanager.web;

/**
 * One route: its metadata and its handler, in one class (as in Teku's beacon REST API). The
 * handler runs only after the {@link RequestGuard} has admitted the caller.
 */
public interface Endpoint {
  EndpointSpec spec();

  void handle(ApiRequest request) throws Exception;
}
