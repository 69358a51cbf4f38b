import { Duration, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { resourceName } from "./naming.js";

/**
 * A Cognito user pool and its app client, for global regions where the bureau has no identity
 * platform of its own: organizations' staff sign themselves up with a verified email. The pool says
 * who someone is and nothing more: it has no custom attribute, users may write only their own contact
 * details, and authority is a grant in our table (regulators and admins are granted by an admin).
 */
export class UserDirectory extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(
    scope: Construct,
    id: string,
    props: {
      stage: string;
      /** The pages' sign-in at the hosted UI: their callback and the domain prefix of the UI. */
      signIn?: { redirectUri: string; domainPrefix: string };
    },
  ) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, "UserPool", {
      userPoolName: resourceName(props.stage, "users"),
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Plus tier: threat protection blocks compromised credentials and acts on risky sign-ins.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: "AwsSolutions-COG2",
      reason:
        "MFA (TOTP) is offered but optional: organizations' staff file a few times a year and must not be locked out; Plus-tier threat protection covers risky sign-ins.",
    });

    this.client = this.userPool.addClient("WebClient", {
      userPoolClientName: resourceName(props.stage, "web"),
      // A browser client: no secret, SRP sign-in only.
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({
        email: true,
        fullname: true,
        phoneNumber: true,
      }),
      enableTokenRevocation: true,
      // The pages sign in at the hosted UI with the authorization-code flow and PKCE, back to their callback only.
      ...(props.signIn
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
              callbackUrls: [props.signIn.redirectUri],
              logoutUrls: [new URL("/", props.signIn.redirectUri).href],
            },
            supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
          }
        : {}),
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    if (props.signIn) {
      this.userPool.addDomain("HostedUi", { cognitoDomain: { domainPrefix: props.signIn.domainPrefix } });
    }
  }

  /** The issuer of the pool's tokens (their `iss` claim), which the authorizer and the app trust. */
  get issuer(): string {
    const stack = Stack.of(this);
    return `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}
