/** Logging set-up without an XML file: parsing logback.xml costs start-up time. */
package io.sockwarden.agent.logging;
