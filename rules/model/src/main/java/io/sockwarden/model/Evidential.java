package io.sockwarden.model;

/** A fact that can be cited as evidence in a finding. */
public interface Evidential {
  Evidence evidence();
}
