"""The registry: who takes part. Organisasjonsnummer (`orgnr`), Enhetsregisteret (`brreg`),
routing a participation to its collaboration area and organiser (`routing`), contact persons
(`contacts`), registering organisations (`register`) and finding them again (`lookup`), and
loading the organisers and areas at `init` (`bootstrap`).
"""
